using System.CommandLine;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Keys;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class FingerprintCommand
{
    public static Command Create()
    {
        var user = new Argument<string?>("USER") { Description = "Another user's name (needs the public key directory)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("fingerprint", "Show your safety number, to compare out of band with the people you share with") { user };
        command.SetCliAction((context, token) =>
            context.ParseResult.GetValue(user) is { Length: > 0 } other ? NotAvailable(other) : ShowOwnAsync(context, token));
        return command;
    }

    private static Task<int> NotAvailable(string user) => throw new CliException(
        ExitCodes.NotAvailable,
        "cli.not_available",
        $"Looking up {user}'s safety number needs the public key directory, which is not available on this server yet.");

    /// <summary>
    /// The safety number comes from the bundle the unlocked keys produced at login (kept in config.json),
    /// not from what the server sends now; the server's copy is only checked against it.
    /// </summary>
    private static async Task<int> ShowOwnAsync(CliContext context, CancellationToken cancellationToken)
    {
        var config = context.Config.Load();
        if (config.PublicKeyBundle is null || config.UserId is not { } userId) throw CliException.NotLoggedIn();

        var own = PublicKeyBundle.Parse(config.PublicKeyBundle, userId);
        var published = await context.Client.Account.GetPublishedBundleAsync(cancellationToken);
        if (!own.Matches(published))
        {
            throw new IdentityMismatchException(
                "The server now publishes a different public key bundle for your account than the one your keys produced at login.");
        }

        var payload = new { userId, username = config.Username, fingerprint = own.Fingerprint, matchesServer = true };
        context.Output.Result(payload, console =>
        {
            var groups = own.Fingerprint.Split(' ');
            console.MarkupLine($"Safety number of [bold]{Markup.Escape(config.Username ?? userId.ToString())}[/]:");
            for (var row = 0; row < groups.Length; row += 4) console.MarkupLine("  " + string.Join(' ', groups.Skip(row).Take(4)));
            console.MarkupLine("[dim]Computed from your own keys at login; the server's copy matches.[/]");
        });
        return ExitCodes.Ok;
    }
}
