using System.CommandLine;
using PasswordManager.Client.Cli.Configuration;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class LogoutCommand
{
    public static Command Create()
    {
        var command = new Command("logout", "End this device's session and forget its tokens");
        command.SetCliAction(async (context, token) =>
        {
            var account = context.Client.Account;
            var hadSession = await account.HasSessionAsync(token);
            if (hadSession) await account.LogoutAsync(token);
            new KeyMaterialStore(context.Directory).Delete();
            new UnlockStore(context.Directory).Delete();

            context.Output.Result(
                new { loggedOut = hadSession },
                console => console.MarkupLine(hadSession ? "Logged out." : "Not logged in; nothing to do."));
            return ExitCodes.Ok;
        });
        return command;
    }
}
