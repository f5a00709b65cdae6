using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class SecurityLogCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "Events per page (1–200)", DefaultValueFactory = _ => 50 };
        var cursor = new Option<Guid?>("--cursor") { Description = "Continue from a previous page's next cursor" };
        var command = new Command("security-log", "List your account's security events (MFA changes, recovery codes used, throttled logins…), newest first") { limit, cursor };
        command.SetCliAction(async (context, token) =>
        {
            var page = await context.Client.Auth.ListSecurityEventsAsync(context.ParseResult.GetValue(cursor), context.ParseResult.GetValue(limit), token);
            context.Output.Result(page, console =>
            {
                var table = new Table().AddColumns("When", "Event", "Device", "Address", "Details");
                foreach (var item in page.Items)
                {
                    table.AddRow(
                        item.OccurredAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        Markup.Escape(item.Type),
                        Markup.Escape(item.DeviceName ?? ""),
                        Markup.Escape(item.IpAddress ?? ""),
                        Markup.Escape(item.Details?.GetRawText() ?? ""));
                }

                console.Write(table);
                if (page.NextCursor is { } next) console.MarkupLine($"More: pm security-log --cursor {next}");
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
