using System.CommandLine;
using System.Security.Cryptography;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Auth.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm email set|remove|verify: the account's email address (verification, notices, hint and sign-in links).</summary>
internal static class EmailCommands
{
    public static Command Create()
    {
        var code = new Argument<string>("CODE") { Description = "The code from the verification mail (or the whole link)" };
        var verify = new Command("verify", "Confirm your email address with the code from the verification mail (no login needed)") { code };
        verify.SetCliAction(async (context, token) =>
        {
            var given = context.ParseResult.GetValue(code)!.Trim();
            var at = given.IndexOf("token=", StringComparison.Ordinal);
            var value = at < 0 ? given : Uri.UnescapeDataString(given[(at + "token=".Length)..]);
            await context.Client.Auth.VerifyEmailAsync(new VerifyEmailRequest(value), token);
            context.Output.Result(new { verified = true }, console => console.MarkupLine("Email address verified."));
            return ExitCodes.Ok;
        });

        var address = new Argument<string>("EMAIL") { Description = "The new address; it receives a verification mail and nothing else until verified" };
        var set = new Command("set", "Set or replace your email address (asks for the master password)") { address };
        var remove = new Command("remove", "Remove your email address (asks for the master password)");
        foreach (var command in new[] { set, remove })
        {
            var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the master password from the first line of stdin" };
            var (mfaCode, recoveryCode) = AccountCommands.SecondFactorOptions();
            command.Options.Add(passwordStdin);
            command.Options.Add(mfaCode);
            command.Options.Add(recoveryCode);
            command.SetCliAction(async (context, token) =>
            {
                var email = command == set ? context.ParseResult.GetValue(address) : null;
                var (_, material) = AccountCommands.LoadAccount(context);
                var password = PasswordReader.Read(context.Output, context.ParseResult.GetValue(passwordStdin), confirm: false);
                var factor = await AccountCommands.SecondFactorIfOnAsync(context, mfaCode, recoveryCode, token);
                var authHash = await context.Output.StatusAsync(
                    "Deriving the master key…", () => context.Client.Account.DeriveAuthHashAsync(material.Username, password.AsMemory(), token));
                try
                {
                    await context.Client.Auth.ChangeEmailAsync(new ChangeEmailRequest(email, authHash, factor?.Code, factor?.RecoveryCode), token);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(authHash);
                }

                context.Output.Result(new { email }, console => console.MarkupLine(email is null
                    ? "Email address removed."
                    : $"Sent a verification mail to [bold]{Markup.Escape(email)}[/]. Confirm with: pm email verify CODE"));
                return ExitCodes.Ok;
            });
        }

        return new Command("email", "Your email address: set, remove, verify") { set, remove, verify };
    }
}
