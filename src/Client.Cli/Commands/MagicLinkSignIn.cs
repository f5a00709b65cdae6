using System.Text.Json;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>
/// <c>pm login --magic-link EMAIL</c>: asks for the link and keeps the PKCE verifier in this device's config folder
/// (owner-only), then takes the mailed token — at the prompt, or later with <c>--link-token</c> — redeems it (with the
/// second factor when MFA is on) and unlocks with the master password.
/// </summary>
internal static class MagicLinkSignIn
{
    private const string PendingFile = "magic-link.json";

    private sealed record Pending(string Verifier, Guid DeviceId);

    /// <summary>The unlocked account, or null when the link was requested and the token is to come in a later run.</summary>
    public static async Task<UnlockedAccount?> RunAsync(
        CliContext context, DeviceInfo device, string? email, string? token, bool passwordStdin, string? mfaCode, string? recoveryCode,
        CancellationToken cancellationToken)
    {
        var output = context.Output;
        MagicLinkLogin login;
        if (email is not null)
        {
            login = await output.StatusAsync("Asking for a sign-in link…", () => context.Client.Account.BeginMagicLinkAsync(email.Trim(), device, cancellationToken));
            await context.Directory.WriteTextAsync(PendingFile, JsonSerializer.Serialize(new Pending(login.Verifier, device.Id)), cancellationToken);
            output.Stderr.MarkupLine($"If [bold]{Markup.Escape(email)}[/] is a verified address of an account, a sign-in link is on its way (valid 15 minutes, on this device only).");
            if (token is null)
            {
                if (!Output.CanPrompt)
                {
                    output.Result(new { linkRequested = true }, console => console.MarkupLine("Finish with: pm login --link-token TOKEN"));
                    return null;
                }

                token = Prompts.Text(output, null, "Paste the token (or the link) from the mail:", "--link-token");
            }
        }
        else
        {
            var pending = context.Directory.ReadText(PendingFile) is { } text ? JsonSerializer.Deserialize<Pending>(text) : null;
            if (pending is null || pending.DeviceId != device.Id)
                throw CliException.Usage("No sign-in link was asked for on this device. Run: pm login --magic-link EMAIL");
            login = context.Client.Account.ResumeMagicLink(device, pending.Verifier);
        }

        try
        {
            await output.StatusAsync("Redeeming the sign-in link…", async () =>
            {
                await login.RedeemAsync(token!, cancellationToken);
                return true;
            });
        }
        catch (PmApiException challenge) when (challenge.Code == ProblemCodes.MfaRequired && login.NeedsSecondFactor)
        {
            await SignInCompletion.SecondFactorAsync(output, mfaCode, recoveryCode, "--link-token", factor => login.RedeemWithSecondFactorAsync(factor, cancellationToken));
        }
        finally
        {
            context.Directory.Delete(PendingFile);
        }

        return await SignInCompletion.UnlockAsync(output, passwordStdin, password => login.UnlockAsync(password, cancellationToken), " Ask for a new link.");
    }
}
