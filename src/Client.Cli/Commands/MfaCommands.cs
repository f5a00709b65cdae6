using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Auth.Contracts;
using QRCoder;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary><c>pm mfa</c>: TOTP two-factor authentication and its recovery codes.</summary>
internal static class MfaCommands
{
    public static Command Create()
    {
        var mfa = new Command("mfa", "Two-factor authentication (TOTP) and recovery codes");
        mfa.Subcommands.Add(Status());
        mfa.Subcommands.Add(Enable());
        mfa.Subcommands.Add(Confirm());
        mfa.Subcommands.Add(Disable());
        mfa.Subcommands.Add(RecoveryCodes());
        return mfa;
    }

    private static Command Status()
    {
        var command = new Command("status", "Show whether two-factor authentication is on and how many recovery codes remain");
        command.SetCliAction(async (context, token) =>
        {
            var status = await context.Client.Auth.GetMfaStatusAsync(token);
            context.Output.Result(status, console => console.MarkupLine(status.Enabled
                ? $"Two-factor authentication is [green]on[/] (since {status.EnabledAt!.Value.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}); {Plural.Of(status.RecoveryCodesRemaining, "recovery code", "recovery codes")} left."
                : status.EnrolmentPending ? "Two-factor authentication is [yellow]pending[/]: run pm mfa confirm CODE." : "Two-factor authentication is [red]off[/]. Turn it on with: pm mfa enable"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Enable()
    {
        var passwordStdin = PasswordStdinOption();
        var code = new Option<string?>("--code") { Description = "A first code from the authenticator app, to confirm at once (asked when a terminal is attached)" };
        var command = new Command("enable", "Enrol an authenticator app: shows the otpauth:// URI and a QR code, then confirms with a first code") { passwordStdin, code };
        command.SetCliAction(async (context, token) =>
        {
            var output = context.Output;
            var enrolment = await WithAuthHashAsync(context, context.ParseResult.GetValue(passwordStdin),
                authHash => context.Client.Auth.EnrolTotpAsync(new EnrolTotpRequest(authHash), token), token);

            var firstCode = context.ParseResult.GetValue(code)
                ?? (Output.CanPrompt && !output.Json ? null : "");
            if (firstCode is "")
            {
                output.Result(new { enrolment.Secret, enrolment.OtpauthUri, confirmed = false }, console => ShowEnrolment(console, enrolment, "Then run: pm mfa confirm CODE"));
                return ExitCodes.Ok;
            }

            if (firstCode is null)
            {
                ShowEnrolment(output.Stderr, enrolment, "");
                firstCode = output.Stderr.Prompt(new TextPrompt<string>("Code from the app:"));
            }

            var codes = await context.Client.Auth.ConfirmTotpAsync(new ConfirmTotpRequest(firstCode.Trim()), token);
            output.Result(new { enrolment.Secret, enrolment.OtpauthUri, confirmed = true, codes.RecoveryCodes }, console =>
            {
                if (context.ParseResult.GetValue(code) is not null) ShowEnrolment(console, enrolment, "");
                ShowRecoveryCodes(console, codes, "Two-factor authentication is on.");
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Confirm()
    {
        var code = new Argument<string>("CODE") { Description = "The current code from the authenticator app" };
        var command = new Command("confirm", "Turn two-factor authentication on with a first code; prints the recovery codes") { code };
        command.SetCliAction(async (context, token) =>
        {
            var codes = await context.Client.Auth.ConfirmTotpAsync(new ConfirmTotpRequest(context.ParseResult.GetValue(code)!.Trim()), token);
            context.Output.Result(codes, console => ShowRecoveryCodes(console, codes, "Two-factor authentication is on."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Disable()
    {
        var passwordStdin = PasswordStdinOption();
        var code = new Option<string?>("--code") { Description = "A current code from the authenticator app" };
        var recoveryCode = new Option<string?>("--recovery-code") { Description = "A recovery code instead of a code" };
        var command = new Command("disable", "Turn two-factor authentication off (master password plus a code or a recovery code)") { passwordStdin, code, recoveryCode };
        command.SetCliAction(async (context, token) =>
        {
            var factor = Factor(context.Output, context.ParseResult.GetValue(code), context.ParseResult.GetValue(recoveryCode));
            await WithAuthHashAsync(context, context.ParseResult.GetValue(passwordStdin), async authHash =>
            {
                await context.Client.Auth.DisableMfaAsync(new DisableMfaRequest(authHash, factor.Code, factor.RecoveryCode), token);
                return true;
            }, token);
            context.Output.Result(new { enabled = false }, console => console.MarkupLine("Two-factor authentication is [red]off[/]. Its secret and recovery codes are deleted."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RecoveryCodes()
    {
        var passwordStdin = PasswordStdinOption();
        var code = new Option<string?>("--code") { Description = "A current code from the authenticator app (asked when omitted)" };
        var command = new Command("recovery-codes", "Replace the recovery codes with a new set (the old ones stop working)") { passwordStdin, code };
        command.SetCliAction(async (context, token) =>
        {
            var current = context.ParseResult.GetValue(code) ?? PromptCode(context.Output, "Code from the app:", "--code");
            var codes = await WithAuthHashAsync(context, context.ParseResult.GetValue(passwordStdin),
                authHash => context.Client.Auth.RegenerateRecoveryCodesAsync(new RegenerateRecoveryCodesRequest(authHash, current.Trim()), token), token);
            context.Output.Result(codes, console => ShowRecoveryCodes(console, codes, "New recovery codes; the old ones no longer work."));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The factor from <c>--code</c> or <c>--recovery-code</c>, or asked for on a terminal.</summary>
    internal static SecondFactor Factor(Output output, string? code, string? recoveryCode)
    {
        if (code is not null && recoveryCode is not null) throw CliException.Usage("Give either --code or --recovery-code, not both.");
        if (code is not null) return SecondFactor.Totp(code);
        if (recoveryCode is not null) return SecondFactor.Recovery(recoveryCode);
        var answer = PromptCode(output, "Two-factor code (or a recovery code):", "--code");
        return answer.Trim().Length == 6 && answer.Trim().All(char.IsAsciiDigit) ? SecondFactor.Totp(answer) : SecondFactor.Recovery(answer);
    }

    private static string PromptCode(Output output, string label, string option) =>
        Output.CanPrompt
            ? output.Stderr.Prompt(new TextPrompt<string>(label))
            : throw CliException.Usage($"A two-factor code is needed and there is no terminal to ask on. Pass it with {option}.");

    private static Option<bool> PasswordStdinOption() => new("--password-stdin") { Description = "Read the master password from the first line of stdin" };

    /// <summary>Runs <paramref name="call"/> with a fresh authHash of the logged-in account, wiped afterwards.</summary>
    private static async Task<T> WithAuthHashAsync<T>(CliContext context, bool passwordStdin, Func<byte[], Task<T>> call, CancellationToken cancellationToken)
    {
        var username = context.Config.Load().Username ?? throw CliException.NotLoggedIn();
        if (!await context.Client.Account.HasSessionAsync(cancellationToken)) throw CliException.NotLoggedIn();
        var password = PasswordReader.Read(context.Output, passwordStdin, confirm: false);
        var authHash = await context.Output.StatusAsync("Deriving the master key…", () => context.Client.Account.DeriveAuthHashAsync(username, password.AsMemory(), cancellationToken));
        try
        {
            return await call(authHash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(authHash);
        }
    }

    private static void ShowEnrolment(IAnsiConsole console, TotpEnrolment enrolment, string next)
    {
        console.MarkupLine("Scan this QR code with an authenticator app, or enter the secret by hand:");
        using (var generator = new QRCodeGenerator())
        using (var data = generator.CreateQrCode(enrolment.OtpauthUri, QRCodeGenerator.ECCLevel.M))
            console.WriteLine(new AsciiQRCode(data).GetGraphicSmall());
        console.MarkupLine($"Secret: [bold]{Markup.Escape(enrolment.Secret)}[/]");
        console.MarkupLine($"URI:    {Markup.Escape(enrolment.OtpauthUri)}");
        if (next.Length > 0) console.MarkupLine(Markup.Escape(next));
    }

    private static void ShowRecoveryCodes(IAnsiConsole console, RecoveryCodeSet codes, string headline)
    {
        console.MarkupLine(headline);
        console.MarkupLine("Recovery codes (each works once; store them somewhere safe, they are not shown again):");
        foreach (var recoveryCode in codes.RecoveryCodes) console.MarkupLine($"  [bold]{recoveryCode}[/]");
    }
}
