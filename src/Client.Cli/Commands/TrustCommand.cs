using System.CommandLine;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Keys;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm trust USER: pins the user's current public key bundle after the safety numbers were compared out of band.</summary>
internal static class TrustCommand
{
    public static Command Create()
    {
        var user = new Argument<string>("USER") { Description = "Username (or user id)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask: you already compared the safety number" };
        var command = new Command("trust", "Pin a user's public key after comparing their safety number with them (in person or by phone)") { user, yes };
        command.SetCliAction(async (context, token) =>
        {
            var trust = Open(context);
            var reference = context.ParseResult.GetValue(user)!;
            var key = Guid.TryParse(reference, out var id) ? await trust.LookupAsync(id, token) : await trust.LookupAsync(reference, token);
            if (key.State == PinState.Own) throw CliException.Usage("That is you: compare your own safety number with pm fingerprint.");
            if (!context.ParseResult.GetValue(yes))
            {
                if (!Output.CanPrompt) throw CliException.Usage("Pass --yes to trust without a prompt (only after comparing the safety number out of band).");
                FingerprintCommand.WriteSafetyNumber(context.Output.Stderr, key.Username, key.Fingerprint);
                if (key.State == PinState.Changed) context.Output.Stderr.MarkupLine($"[red]This replaces the key pinned before[/] (safety number {key.PinnedFingerprint}).");
                if (!context.Output.Stderr.Confirm($"Does {Markup.Escape(key.Username)} see the same safety number?", defaultValue: false))
                    throw new CliException(ExitCodes.Usage, "cli.not_trusted", "Not trusted; nothing changed.");
            }

            var previous = key.State;
            trust.Trust(key);
            context.Output.Result(
                new { key.UserId, key.Username, fingerprint = key.Fingerprint, replaced = previous == PinState.Changed, trusted = true },
                console => console.MarkupLine($"Trusted [bold]{Markup.Escape(key.Username)}[/]'s key ({key.Fingerprint})."));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Key pinning for the logged-in account of this profile (no master password needed: only public keys).</summary>
    internal static TrustedKeys Open(CliContext context)
    {
        var config = context.Config.Load();
        if (config.PublicKeyBundle is null || config.UserId is not { } userId) throw CliException.NotLoggedIn();
        var own = PublicKeyBundle.Parse(config.PublicKeyBundle, userId);
        return new TrustedKeys(context.Client.Directory, own, context.Pins(userId), config.Username);
    }
}
