using System.CommandLine;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Keys;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class FingerprintCommand
{
    public static Command Create()
    {
        var user = new Argument<string?>("USER") { Description = "Another user's name (or id): shows their safety number and whether it matches your pin", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("fingerprint", "Show your safety number, to compare out of band with the people you share with") { user };
        command.SetCliAction((context, token) =>
            context.ParseResult.GetValue(user) is { Length: > 0 } other ? ShowOtherAsync(context, other, token) : ShowOwnAsync(context, token));
        return command;
    }

    /// <summary>The directory's bundle for <paramref name="user"/>, verified and compared with the pin; pins nothing (pm trust does).</summary>
    private static async Task<int> ShowOtherAsync(CliContext context, string user, CancellationToken cancellationToken)
    {
        var trust = TrustCommand.Open(context);
        var key = Guid.TryParse(user, out var id) ? await trust.LookupAsync(id, cancellationToken) : await trust.LookupAsync(user, cancellationToken);
        var pinned = key.State switch
        {
            PinState.Verified => "trusted",
            PinState.PinnedOnFirstUse => "pinned",
            PinState.Changed => "changed",
            PinState.Own => "own",
            _ => "not-pinned",
        };
        context.Output.Result(new { key.UserId, key.Username, fingerprint = key.Fingerprint, pinned, pinnedFingerprint = key.PinnedFingerprint }, console =>
        {
            WriteSafetyNumber(console, key.Username, key.Fingerprint);
            console.MarkupLine(key.State switch
            {
                PinState.Verified => "[green]Trusted:[/] matches the key you compared and pinned.",
                PinState.PinnedOnFirstUse => "[yellow]Pinned on first use[/], not compared yet. Compare it with them, then run: pm trust " + Markup.Escape(key.Username),
                PinState.Changed => $"[red]CHANGED[/] since you pinned it (pinned safety number {key.PinnedFingerprint}). Sharing with and accepting keys from them is refused until you compare and run: pm trust {Markup.Escape(key.Username)}",
                PinState.Own => "[dim]This is you.[/]",
                _ => "[yellow]Not pinned yet.[/] Compare it with them, then run: pm trust " + Markup.Escape(key.Username),
            });
        });
        return key.State == PinState.Changed ? ExitCodes.UntrustedServer : ExitCodes.Ok;
    }

    internal static void WriteSafetyNumber(IAnsiConsole console, string name, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(console);
        var groups = fingerprint.Split(' ');
        console.MarkupLine($"Safety number of [bold]{Markup.Escape(name)}[/]:");
        for (var row = 0; row < groups.Length; row += 4) console.MarkupLine("  " + string.Join(' ', groups.Skip(row).Take(4)));
    }

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
            WriteSafetyNumber(console, config.Username ?? userId.ToString(), own.Fingerprint);
            console.MarkupLine("[dim]Computed from your own keys at login; the server's copy matches.[/]");
        });
        return ExitCodes.Ok;
    }
}
