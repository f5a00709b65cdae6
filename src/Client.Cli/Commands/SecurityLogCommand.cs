using System.CommandLine;
using System.Globalization;
using System.Text.Json;
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
                if (page.Items.Count == 0) console.MarkupLine("No security events.");
                foreach (var item in page.Items)
                {
                    var parts = new[]
                    {
                        item.OccurredAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        $"[bold]{Markup.Escape(item.Type)}[/]",
                        Markup.Escape(Details(item.Details)),
                        item.DeviceName is null ? "" : "device: " + Markup.Escape(item.DeviceName),
                        item.IpAddress is null ? "" : "from " + Markup.Escape(item.IpAddress),
                    };
                    console.MarkupLine(string.Join("  ", parts.Where(p => p.Length > 0)));
                }

                if (page.NextCursor is { } next) console.MarkupLine($"More: pm security-log --cursor {next}");
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The event's details as <c>key=value</c> pairs (they are small flat objects).</summary>
    private static string Details(JsonElement? details) =>
        details is { ValueKind: JsonValueKind.Object } value
            ? string.Join(' ', value.EnumerateObject().Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"))
            : "";
}
