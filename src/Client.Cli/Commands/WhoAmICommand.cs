using System.CommandLine;
using PasswordManager.Client.Crypto.Keys;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class WhoAmICommand
{
    public static Command Create()
    {
        var command = new Command("whoami", "Show the account and session this device is logged in with");
        command.SetCliAction(async (context, token) =>
        {
            var account = await context.Client.Auth.GetAccountAsync(token);
            var fingerprint = PublicKeyBundle.Parse(account.PublicKeyBundle, account.UserId).Fingerprint;
            var payload = new
            {
                account.UserId,
                account.Username,
                account.Email,
                account.TenantId,
                account.Role,
                account.InstanceAdministrator,
                account.SessionId,
                account.CreatedAt,
                fingerprint,
            };
            context.Output.Result(payload, console =>
            {
                var grid = new Grid().AddColumn().AddColumn();
                grid.AddRow("Username", $"[bold]{Markup.Escape(account.Username)}[/]");
                grid.AddRow("User id", account.UserId.ToString());
                grid.AddRow("Email", Markup.Escape(account.Email ?? "-"));
                grid.AddRow("Role", account.Role.ToString().ToLowerInvariant() + (account.InstanceAdministrator ? ", instance administrator" : ""));
                grid.AddRow("Session", account.SessionId.ToString());
                grid.AddRow("Server", Markup.Escape(context.Server?.ToString() ?? "-"));
                console.Write(grid);
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
