using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>The end of every sign-in without the password (mailed link, OpenID Connect): the second factor, then the unlock.</summary>
internal static class SignInCompletion
{
    /// <summary>Asks for (or takes) the code; without a terminal it must come with <paramref name="option"/>'s command.</summary>
    public static async Task SecondFactorAsync(
        Output output, string? mfaCode, string? recoveryCode, string option, Func<SecondFactor, Task> complete)
    {
        if (mfaCode is null && recoveryCode is null && !Output.CanPrompt)
            throw new CliException(ExitCodes.Auth, ProblemCodes.MfaRequired, $"This account needs a two-factor code. Pass --mfa-code CODE (or --recovery-code CODE) with {option}.");
        var factor = MfaCommands.Factor(output, mfaCode, recoveryCode);
        await output.StatusAsync("Checking the code…", async () =>
        {
            await complete(factor);
            return true;
        });
    }

    /// <summary>Reads the master password and unlocks; a wrong one ends the new session (the server released only wrapped keys).</summary>
    public static async Task<UnlockedAccount> UnlockAsync(
        Output output, bool passwordStdin, Func<ReadOnlyMemory<char>, Task<UnlockedAccount>> unlock, string afterWrongPassword)
    {
        var password = PasswordReader.Read(output, passwordStdin, confirm: false);
        try
        {
            return await output.StatusAsync("Unlocking…", () => unlock(password.AsMemory()));
        }
        catch (DecryptionFailedException)
        {
            throw new CliException(ExitCodes.Auth, "cli.wrong_password", $"The master password is incorrect; the new session was ended.{afterWrongPassword}");
        }
    }
}
