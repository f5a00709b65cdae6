using System.CommandLine;
using PasswordManager.Client.Cli.Configuration;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

internal static class LoginCommand
{
    public static Command Create()
    {
        var username = new Option<string?>("--username", "-u") { Description = "Account name (asked when omitted; defaults to the last one)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the master password from the first line of stdin" };
        var mfaCode = new Option<string?>("--mfa-code") { Description = "Two-factor code, used when the server asks for one" };
        var recoveryCode = new Option<string?>("--recovery-code") { Description = "A recovery code instead of a two-factor code (each works once)" };
        var deviceName = new Option<string?>("--device-name") { Description = "How this device is listed in pm sessions (default: the host name)" };
        var magicLink = new Option<string?>("--magic-link") { Description = "Sign in by a link mailed to this verified address instead of the password (the vault is still unlocked with the master password)" };
        var linkToken = new Option<string?>("--link-token") { Description = "Finish a --magic-link sign-in begun on this device with the token (or the link) from the mail" };
        var oidc = new Option<string?>("--oidc") { Description = "Sign in with this OpenID Connect provider (name or issuer URL) in a browser; the vault is still unlocked with the master password" };

        var command = new Command("login", "Log in and unlock this device's session") { username, passwordStdin, mfaCode, recoveryCode, deviceName, magicLink, linkToken, oidc };
        command.SetCliAction(async (context, token) =>
        {
            var output = context.Output;
            var client = context.Client;
            var config = await context.Config.EnsureDeviceIdAsync(context.Config.Load(), token);
            if (context.ParseResult.GetValue(oidc) is { } provider)
            {
                var oidcDevice = new DeviceInfo(config.DeviceId, DeviceName(context.ParseResult.GetValue(deviceName)), DeviceType.Cli);
                using var viaProvider = await OidcSignIn.LoginAsync(
                    context, provider.Trim(), oidcDevice, context.ParseResult.GetValue(passwordStdin), context.ParseResult.GetValue(mfaCode),
                    context.ParseResult.GetValue(recoveryCode), token);
                return await FinishAsync(context, config, viaProvider, token);
            }

            var email = context.ParseResult.GetValue(magicLink);
            var pastedToken = context.ParseResult.GetValue(linkToken);
            if (email is not null || pastedToken is not null)
            {
                var linkDevice = new DeviceInfo(config.DeviceId, DeviceName(context.ParseResult.GetValue(deviceName)), DeviceType.Cli);
                var signedIn = await MagicLinkSignIn.RunAsync(
                    context, linkDevice, email, pastedToken, context.ParseResult.GetValue(passwordStdin), context.ParseResult.GetValue(mfaCode),
                    context.ParseResult.GetValue(recoveryCode), token);
                if (signedIn is null) return ExitCodes.Ok;
                using (signedIn) return await FinishAsync(context, config, signedIn, token);
            }

            var name = Prompts.Text(output, context.ParseResult.GetValue(username), "Username:", "--username", config.Username);
            var password = PasswordReader.Read(output, context.ParseResult.GetValue(passwordStdin), confirm: false);
            var device = new DeviceInfo(config.DeviceId, DeviceName(context.ParseResult.GetValue(deviceName)), DeviceType.Cli);

            using var attempt = await output.StatusAsync("Deriving the master key…", () => client.Account.BeginLoginAsync(name, password.AsMemory(), token));
            using var unlocked = await CompleteAsync(
                output, attempt, device, context.ParseResult.GetValue(mfaCode), context.ParseResult.GetValue(recoveryCode), token);
            return await FinishAsync(context, config, unlocked, token);
        });
        return command;
    }

    private static async Task<int> FinishAsync(CliContext context, CliConfig config, UnlockedAccount unlocked, CancellationToken token)
    {
        var output = context.Output;
        await context.Config.SaveAsync(
            config with { Username = unlocked.Username, UserId = unlocked.UserId, PublicKeyBundle = unlocked.PublicBundle.ToArray() },
            token);
        await new KeyMaterialStore(context.Directory).SaveAsync(unlocked.Material, token);
        var payload = new
        {
            unlocked.UserId,
            unlocked.Username,
            unlocked.TenantId,
            unlocked.Role,
            unlocked.SessionId,
            unlocked.Fingerprint,
            unlocked.RecoveryCodesRemaining,
        };
        output.Result(payload, console =>
        {
            console.MarkupLine($"Logged in as [bold]{Markup.Escape(unlocked.Username)}[/] (session {unlocked.SessionId}).");
            console.MarkupLine($"Safety number: [bold]{unlocked.Fingerprint}[/]");
            if (unlocked.RecoveryCodesRemaining is { } remaining)
                console.MarkupLine($"Used a recovery code: [bold]{remaining}[/] left. Make new ones with: pm mfa recovery-codes");
        });
        return ExitCodes.Ok;
    }

    /// <summary>When the server answers auth.mfa_required, the factor comes from --mfa-code, --recovery-code or a prompt.</summary>
    private static async Task<UnlockedAccount> CompleteAsync(
        Output output, LoginAttempt attempt, DeviceInfo device, string? mfaCode, string? recoveryCode, CancellationToken cancellationToken)
    {
        try
        {
            return await output.StatusAsync("Logging in and unlocking…", () => attempt.CompleteAsync(device, cancellationToken));
        }
        catch (PmApiException challenge) when (challenge.Code == ProblemCodes.MfaRequired && attempt.NeedsSecondFactor)
        {
            if (mfaCode is null && recoveryCode is null && !Output.CanPrompt)
                throw new CliException(ExitCodes.Auth, challenge.Code, "This account needs a two-factor code. Run: pm login --mfa-code CODE (or --recovery-code CODE)");
            var factor = MfaCommands.Factor(output, mfaCode, recoveryCode);
            return await output.StatusAsync("Checking the code…", () => attempt.CompleteWithSecondFactorAsync(device, factor, cancellationToken));
        }
    }

    private static string DeviceName(string? given)
    {
        var name = string.IsNullOrWhiteSpace(given) ? Environment.MachineName : given.Trim();
        if (name.Any(char.IsControl)) throw CliException.Usage("--device-name must not contain control characters.");
        return name.Length <= 100 ? name : name[..100];
    }
}
