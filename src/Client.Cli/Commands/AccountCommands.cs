using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PasswordManager.Client.Cli.Configuration;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Http;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm passwd, pm kdf, pm hint set|clear|send, pm account delete: the account's own credentials and lifetime.</summary>
internal static class AccountCommands
{
    public const string NewPasswordVariable = "PM_NEW_PASSWORD";

    public static IEnumerable<Command> Create()
    {
        yield return Passwd();
        yield return Kdf();
        yield return Hint();
        yield return Account();
    }

    private static Command Passwd()
    {
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the current master password from the first line of stdin and the new one from the second" };
        var allowWeak = new Option<bool>("--allow-weak") { Description = "Accept a new password that the strength check finds weak (12 characters stay the minimum)" };
        var (code, recoveryCode) = SecondFactorOptions();
        var command = new Command("passwd", "Change the master password (vaults stay as they are; every other session is logged out)")
        {
            passwordStdin, allowWeak, code, recoveryCode,
        };
        command.SetCliAction(async (context, token) =>
        {
            var (config, material) = LoadAccount(context);
            var fromStdin = context.ParseResult.GetValue(passwordStdin);
            var current = PasswordReader.Read(context.Output, fromStdin, confirm: false);
            var next = ReadNewPassword(context.Output, fromStdin);
            MasterPasswordStrength.Require(next, config.Username, context.ParseResult.GetValue(allowWeak));
            var factor = await SecondFactorIfOnAsync(context, code, recoveryCode, token);
            return await ChangeAsync(context, config, material, current, next, null, factor, "Master password changed.", token);
        });
        return command;
    }

    private static Command Kdf()
    {
        var memory = new Option<int?>("--memory-mib") { Description = $"Argon2id memory in MiB ({KdfParameters.MinMemoryKiB / 1024}–{KdfParameters.MaxMemoryKiB / 1024})" };
        var iterations = new Option<int?>("--iterations") { Description = $"Argon2id iterations ({KdfParameters.MinIterations}–{KdfParameters.MaxIterations})" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the master password from the first line of stdin" };
        var (code, recoveryCode) = SecondFactorOptions();
        var command = new Command("kdf", "Raise the KDF parameters of the master password without changing it (every other session is logged out)")
        {
            memory, iterations, passwordStdin, code, recoveryCode,
        };
        command.SetCliAction(async (context, token) =>
        {
            var (config, material) = LoadAccount(context);
            var kdf = new KdfParameters(
                context.ParseResult.GetValue(memory) is { } mib ? checked(mib * 1024) : material.Kdf.MemoryKiB,
                context.ParseResult.GetValue(iterations) ?? material.Kdf.Iterations,
                KdfParameters.SupportedParallelism);
            try
            {
                kdf.Validate();
            }
            catch (KdfParametersRejectedException rejected)
            {
                throw CliException.Usage(rejected.Message);
            }

            if (kdf.MemoryKiB < material.Kdf.MemoryKiB || kdf.Iterations < material.Kdf.Iterations)
                throw CliException.Usage($"pm kdf only raises the parameters; they are now {Describe(material.Kdf)}.");
            if (kdf == material.Kdf) throw CliException.Usage($"The parameters are already {Describe(kdf)}. Pass --memory-mib or --iterations.");
            var password = PasswordReader.Read(context.Output, context.ParseResult.GetValue(passwordStdin), confirm: false);
            var factor = await SecondFactorIfOnAsync(context, code, recoveryCode, token);
            return await ChangeAsync(context, config, material, password, password, kdf, factor, $"KDF parameters raised to {Describe(kdf)}.", token);
        });
        return command;
    }

    private static Command Hint()
    {
        var text = new Argument<string>("TEXT") { Description = "The hint; stored in plain text on the server, never shown to anyone who is not logged in" };
        var set = new Command("set", "Set or replace your master-password hint") { text };
        set.SetCliAction(async (context, token) =>
        {
            var hint = context.ParseResult.GetValue(text)!;
            await context.Client.Auth.SetPasswordHintAsync(new SetPasswordHintRequest(hint), token);
            context.Output.Result(new { hintSet = true }, console => console.MarkupLine("Password hint saved. Do not put the password itself (or most of it) in it."));
            return ExitCodes.Ok;
        });
        var clear = new Command("clear", "Remove your master-password hint");
        clear.SetCliAction(async (context, token) =>
        {
            await context.Client.Auth.ClearPasswordHintAsync(token);
            context.Output.Result(new { hintSet = false }, console => console.MarkupLine("Password hint removed."));
            return ExitCodes.Ok;
        });
        var who = new Argument<string>("EMAIL_OR_USERNAME") { Description = "The account's verified email address or its username" };
        var send = new Command("send", "Ask the server to mail the hint to the account's verified address (no login needed)") { who };
        send.SetCliAction(async (context, token) =>
        {
            await context.Client.Auth.RequestPasswordHintAsync(new PasswordHintByEmailRequest(context.ParseResult.GetValue(who)!), token);
            context.Output.Result(new { requested = true }, console =>
                console.MarkupLine("If the account has a verified email address, its hint is on the way there."));
            return ExitCodes.Ok;
        });
        return new Command("hint", "Change, remove or get by email the master-password hint") { set, clear, send };
    }

    private static Command Account()
    {
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the master password from the first line of stdin" };
        var (code, recoveryCode) = SecondFactorOptions();
        var delete = new Command("delete", "Delete your account, its sessions, API keys and personal vaults for good")
        {
            yes, passwordStdin, code, recoveryCode,
        };
        delete.SetCliAction(async (context, token) =>
        {
            var (config, material) = LoadAccount(context);
            if (!context.ParseResult.GetValue(yes)) Confirm(context.Output, material.Username);
            var password = PasswordReader.Read(context.Output, context.ParseResult.GetValue(passwordStdin), confirm: false);
            var factor = await SecondFactorIfOnAsync(context, code, recoveryCode, token);
            DeleteAccountResponse deleted;
            try
            {
                deleted = await context.Output.StatusAsync(
                    "Deleting the account…",
                    () => context.Client.Account.DeleteAccountAsync(material, password.AsMemory(), config.PublicKeyBundle, factor, token));
            }
            catch (DecryptionFailedException)
            {
                throw new CliException(ExitCodes.Auth, "cli.wrong_password", "The master password is incorrect.");
            }
            catch (PmApiException blocked) when (blocked.Code == "auth.account_deletion_blocked")
            {
                throw new CliException(ExitCodes.NotFoundOrConflict, blocked.Code, Blockers(blocked));
            }

            new KeyMaterialStore(context.Directory).Delete();
            await context.Config.SaveAsync(config.WithoutAccount(), token);
            context.Output.Result(deleted, console =>
            {
                console.MarkupLine($"Account [bold]{Markup.Escape(material.Username)}[/] deleted with {Plural.Of(deleted.DeletedVaults, "vault", "vaults")}; you left {Plural.Of(deleted.LeftVaults, "shared vault", "shared vaults")}.");
                console.MarkupLine($"The username stays reserved until {deleted.UsernameReservedUntil.ToLocalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
            });
            return ExitCodes.Ok;
        });
        return new Command("account", "Manage your account") { delete };
    }

    internal static (Option<string?> Code, Option<string?> RecoveryCode) SecondFactorOptions() =>
        (new Option<string?>("--code") { Description = "With two-factor authentication on: a current code from the authenticator app (asked when omitted)" },
         new Option<string?>("--recovery-code") { Description = "With two-factor authentication on: a recovery code instead of a code" });

    /// <summary>The second factor from the options, or — when the account has MFA on — asked for on a terminal; null when MFA is off.</summary>
    internal static async Task<SecondFactor?> SecondFactorIfOnAsync(
        CliContext context, Option<string?> code, Option<string?> recoveryCode, CancellationToken cancellationToken)
    {
        var (givenCode, givenRecoveryCode) = (context.ParseResult.GetValue(code), context.ParseResult.GetValue(recoveryCode));
        if (givenCode is null && givenRecoveryCode is null && !(await context.Client.Auth.GetMfaStatusAsync(cancellationToken)).Enabled) return null;
        return MfaCommands.Factor(context.Output, givenCode, givenRecoveryCode);
    }

    private static async Task<int> ChangeAsync(
        CliContext context, CliConfig config, UnlockMaterial material, string currentPassword, string newPassword, KdfParameters? kdf,
        SecondFactor? secondFactor, string done, CancellationToken cancellationToken)
    {
        (UnlockMaterial Material, int RevokedSessions) changed;
        try
        {
            changed = await context.Output.StatusAsync(
                "Re-wrapping the account key under the new master key…",
                () => context.Client.Account.ChangeMasterPasswordAsync(
                    material, currentPassword.AsMemory(), newPassword.AsMemory(), config.PublicKeyBundle, kdf, secondFactor, cancellationToken));
        }
        catch (DecryptionFailedException)
        {
            throw new CliException(ExitCodes.Auth, "cli.wrong_password", "The current master password is incorrect.");
        }

        await new KeyMaterialStore(context.Directory).SaveAsync(changed.Material, cancellationToken);
        context.Output.Result(new { changed = true, changed.RevokedSessions, kdf = changed.Material.Kdf }, console =>
        {
            console.MarkupLine(done);
            console.MarkupLine($"Logged out {Plural.Of(changed.RevokedSessions, "other session", "other sessions")}; log in there again with the new password.");
        });
        return ExitCodes.Ok;
    }

    internal static (CliConfig Config, UnlockMaterial Material) LoadAccount(CliContext context)
    {
        var config = context.Config.Load();
        var material = new KeyMaterialStore(context.Directory).Load();
        if (config.PublicKeyBundle is null || material is null || config.UserId != material.UserId) throw CliException.NotLoggedIn();
        return (config, material);
    }

    private static string ReadNewPassword(Output output, bool fromStdin)
    {
        if (fromStdin)
        {
            var line = Console.In.ReadLine();
            return string.IsNullOrEmpty(line) ? throw CliException.Usage("--password-stdin needs the new master password on the second line of stdin.") : line;
        }

        if (Environment.GetEnvironmentVariable(NewPasswordVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment;
        if (!Output.CanPrompt)
            throw CliException.Usage($"No new password given and no terminal to ask on. Pass it on the second line of --password-stdin or in ${NewPasswordVariable}.");
        var password = output.Stderr.Prompt(new TextPrompt<string>("New master password:").Secret(null));
        if (output.Stderr.Prompt(new TextPrompt<string>("Repeat the new master password:").Secret(null)) != password)
            throw CliException.Usage("The new passwords do not match. Run the command again.");
        return password;
    }

    private static void Confirm(Output output, string username)
    {
        if (!Output.CanPrompt) throw CliException.Usage("Deleting the account needs a confirmation. Pass --yes when there is no terminal to ask on.");
        output.Stderr.MarkupLine("[red]This deletes the account, its sessions, API keys and personal vaults for good. Nothing can be recovered.[/]");
        var typed = output.Stderr.Prompt(new TextPrompt<string>($"Type the username ({Markup.Escape(username)}) to confirm:").AllowEmpty());
        if (!string.Equals(typed.Trim(), username, StringComparison.OrdinalIgnoreCase)) throw new CliException(ExitCodes.Cancelled, "cli.cancelled", "Not confirmed; nothing was deleted.");
    }

    private static string Blockers(PmApiException blocked)
    {
        var lines = new List<string> { "The account cannot be deleted yet:" };
        var details = blocked.Details is { } json ? json.Deserialize<AccountDeletionBlockers>(SdkJson.Options) : null;
        foreach (var vault in details?.Vaults ?? [])
        {
            lines.Add(vault.Reason switch
            {
                "owner" => $"  vault {vault.VaultId}: you own it and others are members. Transfer it (pm transfer) or delete it first.",
                "sole_admin" => $"  vault {vault.VaultId}: you are its only admin. Make another member admin first.",
                "signed_others_access" => $"  vault {vault.VaultId}: other members' access carries your signature. Have an admin re-key it, or leave it.",
                _ => $"  vault {vault.VaultId}: {vault.Reason}",
            });
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Describe(KdfParameters kdf) => $"{kdf.MemoryKiB / 1024} MiB, {kdf.Iterations} iterations";
}
