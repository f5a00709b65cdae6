using System.CommandLine;
using PasswordManager.Client.Cli.Commands;

namespace PasswordManager.Client.Cli;

internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("pm: the PasswordManager command-line client. Docs: docs/cli.md");
        root.Options.Add(CliContext.JsonOption);
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(RegisterCommand.Create());
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(LogoutCommand.Create());
        root.Subcommands.Add(WhoAmICommand.Create());
        root.Subcommands.Add(SessionsCommand.Create());
        root.Subcommands.Add(FingerprintCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }
}
