using System.CommandLine;
using System.CommandLine.Help;
using PasswordManager.Client.Cli.Commands;

namespace PasswordManager.Client.Cli;

internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Create();
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>
    /// The command tree. The root is a plain command named pm (a RootCommand would name itself after the assembly,
    /// PasswordManager.Client.Cli, in --help), with the help and version options a RootCommand adds.
    /// </summary>
    public static Command Create()
    {
        var root = new Command("pm", "pm: the PasswordManager command-line client. Docs: docs/cli.md")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Options.Add(CliContext.JsonOption);
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(RegisterCommand.Create());
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(LogoutCommand.Create());
        root.Subcommands.Add(WhoAmICommand.Create());
        root.Subcommands.Add(SessionsCommand.Create());
        root.Subcommands.Add(MfaCommands.Create());
        root.Subcommands.Add(SecurityLogCommand.Create());
        root.Subcommands.Add(EmailCommands.Create());
        root.Subcommands.Add(OidcCommands.Create());
        root.Subcommands.Add(RotateKeysCommand.Create());
        foreach (var command in AccountCommands.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(ApiKeyCommands.Create());
        var admin = AdminCommands.Create();
        AdminBillingCommands.AddTo(admin);
        root.Subcommands.Add(admin);
        root.Subcommands.Add(FingerprintCommand.Create());
        root.Subcommands.Add(TrustCommand.Create());
        root.Subcommands.Add(VaultCommand.Create());
        foreach (var command in UnlockCommands.Create()) root.Subcommands.Add(command);
        foreach (var command in EntryCommands.Create()) root.Subcommands.Add(command);
        foreach (var command in SecretCommands.Create()) root.Subcommands.Add(command);
        foreach (var command in AttachmentCommands.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(SyncCommand.Create());
        foreach (var command in SharingCommands.Create()) root.Subcommands.Add(command);
        foreach (var command in InvitationCommands.Create()) root.Subcommands.Add(command);
        foreach (var command in ArchiveCommands.Create()) root.Subcommands.Add(command);
        return root;
    }
}
