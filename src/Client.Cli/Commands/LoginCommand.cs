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

        var command = new Command("login", "Log in and unlock this device's session") { username, passwordStdin, mfaCode };
        command.SetCliAction(async (context, token) =>
        {
            var output = context.Output;
            var client = context.Client;
            var config = await context.Config.EnsureDeviceIdAsync(context.Config.Load(), token);
            var name = Prompts.Text(output, context.ParseResult.GetValue(username), "Username:", "--username", config.Username);
            var password = PasswordReader.Read(output, context.ParseResult.GetValue(passwordStdin), confirm: false);
            var device = new DeviceInfo(config.DeviceId, DeviceName(), DeviceType.Cli);

            using var attempt = await output.StatusAsync("Deriving the master key…", () => client.Account.BeginLoginAsync(name, password.AsMemory(), token));
            using var unlocked = await CompleteAsync(output, attempt, device, context.ParseResult.GetValue(mfaCode), token);

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
            };
            output.Result(payload, console =>
            {
                console.MarkupLine($"Logged in as [bold]{Markup.Escape(unlocked.Username)}[/] (session {unlocked.SessionId}).");
                console.MarkupLine($"Safety number: [bold]{unlocked.Fingerprint}[/]");
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The server has no MFA yet; when it answers auth.mfa_required, the code comes from --mfa-code or a prompt.</summary>
    private static async Task<UnlockedAccount> CompleteAsync(
        Output output, LoginAttempt attempt, DeviceInfo device, string? mfaCode, CancellationToken cancellationToken)
    {
        try
        {
            return await output.StatusAsync("Logging in and unlocking…", () => attempt.CompleteAsync(device, null, cancellationToken));
        }
        catch (PmApiException challenge) when (challenge.Code == ProblemCodes.MfaRequired)
        {
            var code = mfaCode ?? (Output.CanPrompt
                ? output.Stderr.Prompt(new TextPrompt<string>("Two-factor code:"))
                : throw new CliException(ExitCodes.Auth, challenge.Code, "This account needs a two-factor code. Run: pm login --mfa-code CODE"));
            return await output.StatusAsync("Checking the code…", () => attempt.CompleteAsync(device, code.Trim(), cancellationToken));
        }
    }

    private static string DeviceName()
    {
        var name = $"pm on {Environment.MachineName}";
        return name.Length <= 100 ? name : name[..100];
    }
}
