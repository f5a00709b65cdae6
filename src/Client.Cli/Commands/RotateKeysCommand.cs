using System.CommandLine;
using PasswordManager.Client.Cli.Configuration;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>
/// pm rotate-keys: new X25519/Ed25519 key pairs for the account, the own access records re-sealed to them, the records it
/// signed for others re-signed, and the new bundle published with a hand-over statement signed by the old key, so that
/// contacts who pinned the old key move their pin without a key-change refusal (docs/crypto-format.md §6.1).
/// </summary>
internal static class RotateKeysCommand
{
    public static Command Create()
    {
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the master password from the first line of stdin" };
        var code = new Option<string?>("--code") { Description = "A current code from the authenticator app, when MFA is on (asked when omitted on a terminal)" };
        var recoveryCode = new Option<string?>("--recovery-code") { Description = "A recovery code instead of a code" };
        var command = new Command(
            "rotate-keys",
            "Replace your account's key pairs; your vaults stay as they are, and contacts who pinned your old key follow the signed hand-over")
        {
            passwordStdin, code, recoveryCode,
        };
        command.SetCliAction(async (context, token) =>
        {
            var config = context.Config.Load();
            var material = new KeyMaterialStore(context.Directory).Load();
            if (config.PublicKeyBundle is null || material is null || config.UserId != material.UserId) throw CliException.NotLoggedIn();
            if (!await context.Client.Account.HasSessionAsync(token)) throw CliException.NotLoggedIn();
            var givenCode = context.ParseResult.GetValue(code);
            var givenRecoveryCode = context.ParseResult.GetValue(recoveryCode);
            var factor = givenCode is null && givenRecoveryCode is null ? null : MfaCommands.Factor(context.Output, givenCode, givenRecoveryCode);
            var password = PasswordReader.Read(context.Output, context.ParseResult.GetValue(passwordStdin), confirm: false);

            AccountKeys keys;
            try
            {
                keys = await context.Output.StatusAsync("Unlocking…", () => Task.Run(() => AccountOperations.Unlock(password, material, config.PublicKeyBundle), token));
            }
            catch (DecryptionFailedException)
            {
                throw new CliException(ExitCodes.Auth, "cli.wrong_password", "The master password is incorrect.");
            }

            using (keys)
            using (var vaults = context.Client.OpenVaults(keys, context.Pins(keys.UserId), config.Username))
            {
                var sharing = context.Client.OpenSharing(vaults);
                using var rotation = await context.Output.StatusAsync(
                    "Re-sealing your access records to new keys…", () => sharing.PrepareKeyRotationAsync(token));
                (UnlockMaterial Material, RotateKeysResponse Response) rotated;
                try
                {
                    rotated = await SendAsync(context, material, password, config.PublicKeyBundle, rotation, factor, token);
                }
                catch (PmApiException missing) when (missing.Code == "auth.mfa_code_invalid" && factor is null && Output.CanPrompt)
                {
                    rotated = await SendAsync(
                        context, material, password, config.PublicKeyBundle, rotation, MfaCommands.Factor(context.Output, null, null), token);
                }

                var newBundle = rotation.NewKeys.PublicBundle;
                await new KeyMaterialStore(context.Directory).SaveAsync(rotated.Material, token);
                await context.Config.SaveAsync(config with { PublicKeyBundle = newBundle.ToArray() }, token);
                context.Output.Result(
                    new { rotated = true, rotated.Response.Vaults, rotated.Response.AccessRecords, fingerprint = newBundle.Fingerprint },
                    console =>
                    {
                        console.MarkupLine($"New account keys published; {Plural.Of(rotated.Response.AccessRecords, "access record", "access records")} in {Plural.Of(rotated.Response.Vaults, "vault", "vaults")} re-sealed or re-signed.");
                        console.MarkupLine($"Your new safety number: [bold]{Markup.Escape(newBundle.Fingerprint)}[/]");
                        console.MarkupLine("Contacts who pinned your old key follow the hand-over it signed; those who compared safety numbers may compare the new one.");
                    });
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<(UnlockMaterial Material, RotateKeysResponse Response)> SendAsync(
        CliContext context, UnlockMaterial material, string password, byte[] pinnedBundle, KeyRotation rotation, SecondFactor? factor,
        CancellationToken cancellationToken)
    {
        try
        {
            return await context.Output.StatusAsync(
                "Publishing the new keys…",
                () => context.Client.Account.RotateKeysAsync(material, password.AsMemory(), pinnedBundle, rotation, factor, cancellationToken));
        }
        catch (PmApiException conflict) when (conflict.Code == "auth.key_rotation_conflict")
        {
            throw new CliException(ExitCodes.NotFoundOrConflict, conflict.Code, conflict.Detail + " Nothing was changed; run pm rotate-keys again.");
        }
    }
}
