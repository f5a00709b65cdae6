using System.CommandLine;
using System.Globalization;
using PasswordManager.Client.Cli.Terminal;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class SessionsCommand
{
    public static Command Create()
    {
        var id = new Argument<Guid>("ID") { Description = "Session id, as listed by pm sessions" };
        var revoke = new Command("revoke", "End one of your sessions (on any device)") { id };
        revoke.SetCliAction((context, token) => RevokeAsync(context, context.ParseResult.GetValue(id), token));

        var revokeOthers = new Command("revoke-others", "End every session except this device's");
        revokeOthers.SetCliAction(async (context, token) =>
        {
            var result = await context.Client.Auth.RevokeOtherSessionsAsync(token);
            context.Output.Result(result, console => console.MarkupLine($"Revoked {Plural.Of(result.Revoked, "other session", "other sessions")}."));
            return ExitCodes.Ok;
        });

        var list = new Command("sessions", "List your active device sessions") { revoke, revokeOthers };
        list.SetCliAction(ListAsync);
        return list;
    }

    private static async Task<int> ListAsync(CliContext context, CancellationToken cancellationToken)
    {
        var sessions = await context.Client.Auth.ListSessionsAsync(cancellationToken);
        context.Output.Result(sessions, console =>
        {
            var table = new RecordTable("", "Session", "Device", "Type", "Created", "Last seen");
            foreach (var session in sessions.Items)
            {
                table.AddRow(
                    session.Current ? "[green]*[/]" : "",
                    session.Id.ToString(),
                    Markup.Escape(session.DeviceName),
                    session.DeviceType.ToString().ToLowerInvariant(),
                    Local(session.CreatedAt),
                    Local(session.LastSeenAt));
            }

            table.Footer = "[green]*[/] this device";

            table.WriteTo(console);
        });
        return ExitCodes.Ok;
    }

    private static async Task<int> RevokeAsync(CliContext context, Guid sessionId, CancellationToken cancellationToken)
    {
        await context.Client.Auth.RevokeSessionAsync(sessionId, cancellationToken);
        var stored = await context.Tokens.LoadAsync(cancellationToken);
        var wasThisDevice = stored?.SessionId == sessionId;
        if (wasThisDevice) await context.Tokens.ClearAsync(cancellationToken);

        context.Output.Result(
            new { revoked = sessionId, loggedOut = wasThisDevice },
            console => console.MarkupLine(wasThisDevice
                ? $"Revoked session {sessionId}. It was this device's session: you are logged out."
                : $"Revoked session {sessionId}."));
        return ExitCodes.Ok;
    }

    private static string Local(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
