using System.CommandLine;

namespace PasswordManager.Client.Cli;

internal static class CommandExtensions
{
    public static void SetCliAction(this Command command, Func<CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction((parseResult, cancellationToken) => CliContext.RunAsync(parseResult, body, cancellationToken));
}
