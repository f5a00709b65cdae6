using System.CommandLine;
using PasswordManager.Client.Cli.Configuration;
using PasswordManager.Client.Cli.Errors;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Sharing;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Vault;

/// <summary>
/// An unlocked pm invocation: the account keys (from keys.json and the master password, in memory only), the SDK's
/// vault operations and the local encrypted cache (cache.bin), which every command brings up to date first.
/// </summary>
internal sealed class VaultSession : IDisposable
{
    public const string CacheFileName = "cache.bin";

    public static readonly Option<bool> PasswordStdinOption = new("--password-stdin")
    {
        Description = "Read the master password from the first line of stdin",
    };

    private readonly CliContext context;
    private readonly AccountKeys keys;
    private readonly LocalCacheKey cacheKey;

    private VaultSession(CliContext context, AccountKeys keys, LocalVaultCache cache, string? username)
    {
        this.context = context;
        this.keys = keys;
        cacheKey = LocalCacheKey.Derive(keys);
        Cache = cache;
        Operations = context.Client.OpenVaults(keys, context.Pins(keys.UserId), username);
        Sharing = context.Client.OpenSharing(Operations, new FilePendingRekeyStore(context.Directory));
    }

    public VaultOperations Operations { get; }

    public SharingOperations Sharing { get; }

    public LocalVaultCache Cache { get; private set; }

    /// <summary>
    /// Unlocks with the unlock PM_SESSION opens (pm unlock), else with the master password; the session must exist
    /// (tokens) as well. A PM_SESSION that does not open is an error, never a reason to ask for the password.
    /// </summary>
    public static async Task<VaultSession> OpenAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = context.Config.Load();
        var material = new KeyMaterialStore(context.Directory).Load();
        if (config.PublicKeyBundle is null || material is null || config.UserId != material.UserId) throw CliException.NotLoggedIn();
        if (!await context.Client.Account.HasSessionAsync(cancellationToken)) throw CliException.NotLoggedIn();

        var unlockSession = UnlockStore.SessionFromEnvironment();
        if (unlockSession is null && !context.ParseResult.GetValue(PasswordStdinOption)
            && Environment.GetEnvironmentVariable(PasswordReader.EnvironmentVariable) is not { Length: > 0 } && !Output.CanPrompt)
        {
            throw new CliException(
                ExitCodes.Auth,
                "cli.locked",
                $"Locked: no {UnlockStore.EnvironmentVariable}, no master password ({PasswordReader.EnvironmentVariable} or --password-stdin) "
                    + $"and no terminal to ask on. Run: export {UnlockStore.EnvironmentVariable}=\"$(pm unlock --raw)\"");
        }

        var keys = unlockSession is not null
            ? await OpenUnlockAsync(context, unlockSession, config, material, cancellationToken)
            : await UnlockWithPasswordAsync(context, config, material, cancellationToken);
        try
        {
            return new VaultSession(context, keys, LoadCache(context, keys), config.Username);
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    /// <summary>Reads the master password (stdin, PM_PASSWORD or a prompt) and unlocks the keys of keys.json: one Argon2id derivation.</summary>
    public static async Task<AccountKeys> UnlockWithPasswordAsync(CliContext context, CliConfig config, UnlockMaterial material, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(config);
        var bundle = config.PublicKeyBundle ?? throw CliException.NotLoggedIn();
        var password = PasswordReader.Read(context.Output, context.ParseResult.GetValue(PasswordStdinOption), confirm: false);
        try
        {
            return await context.Output.StatusAsync(
                "Unlocking…", () => Task.Run(() => AccountOperations.Unlock(password, material, bundle), cancellationToken));
        }
        catch (DecryptionFailedException)
        {
            throw new CliException(ExitCodes.Auth, "cli.wrong_password", "The master password is incorrect.");
        }
    }

    private static async Task<AccountKeys> OpenUnlockAsync(
        CliContext context, string unlockSession, CliConfig config, UnlockMaterial material, CancellationToken cancellationToken)
    {
        var keys = await new UnlockStore(context.Directory).OpenAsync(unlockSession, config, material, cancellationToken);
        var bundle = config.PublicKeyBundle ?? throw CliException.NotLoggedIn();
        if (keys.PublicBundle.Matches(PublicKeyBundle.Parse(bundle, material.UserId))) return keys;
        keys.Dispose();
        throw new IdentityMismatchException("The unlocked keys do not produce the public key bundle pinned at login.");
    }

    /// <summary>Incremental sync into the cache, then saves it. Refused entries are reported on stderr (pm sync fails on them).</summary>
    public async Task<SyncReport> SyncAsync(IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        SyncReport report;
        try
        {
            report = await Operations.SyncAsync(Cache, progress, cancellationToken: cancellationToken);
        }
        catch (HistoryVerificationException rejected)
        {
            // The refusal is remembered (the vault stays refused for writes until a full sync verifies it), the verified state kept.
            await SaveAsync(cancellationToken);
            throw Named(rejected);
        }

        await SaveAsync(cancellationToken);
        return report;
    }

    /// <summary>The same refusal with vault names next to their ids (names are encrypted: the server never sees them).</summary>
    public HistoryVerificationException Named(HistoryVerificationException rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var bare = Bare(rejected);
        var message = bare;
        foreach (var vault in Vaults().Vaults) message = message.Replace($"Vault {vault.VaultId}", $"Vault '{vault.Name}' ({vault.VaultId})", StringComparison.Ordinal);
        return message == bare ? rejected : new HistoryVerificationException(rejected.Reason, rejected.Seq, message);
    }

    /// <summary>The message without the "History record N: " prefix the exception adds (it is added again when one is rebuilt).</summary>
    private static string Bare(HistoryVerificationException rejected) =>
        rejected.Seq is { } seq && rejected.Message.StartsWith($"History record {seq}: ", StringComparison.Ordinal)
            ? rejected.Message[$"History record {seq}: ".Length..]
            : rejected.Message;

    /// <summary>The implicit sync of commands other than pm sync: quiet, but a refused entry is always reported.</summary>
    public async Task SyncQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await SyncAsync(progress: null, cancellationToken);
            foreach (var line in Describe(report)) context.Output.Warn(line);
        }
        catch (HistoryVerificationException rejected)
        {
            // Other vaults go on; a command that touches a refused vault fails (RefuseHistoryRejected), and pm sync exits 5.
            context.Output.Warn($"REFUSED history: {Bare(rejected)}");
        }
    }

    /// <summary>Exit 5 for a vault whose signed history did not verify: nothing of it is used or written until a sync verifies it.</summary>
    public void RefuseHistoryRejected(Guid vaultId)
    {
        if (Cache.HistoryRejected.TryGetValue(vaultId, out var why)) throw Named(new HistoryVerificationException(HistoryRejection.Malformed, null, why));
    }

    public async Task SaveAsync(CancellationToken cancellationToken) =>
        await context.Directory.WriteBytesAsync(CacheFileName, Cache.Seal(cacheKey), cancellationToken);

    public async Task RecordAsync(SavedEntry saved, CancellationToken cancellationToken)
    {
        Cache.Apply(saved);
        await SaveAsync(cancellationToken);
    }

    public VaultListing Vaults() => Operations.Describe(Cache.Vaults.Values.OrderBy(v => v.CreatedAt));

    /// <summary>A vault by id, id prefix or (case-insensitive) name; null <paramref name="reference"/> is the personal vault, created on first use.</summary>
    public async Task<UnlockedVault> ResolveVaultAsync(string? reference, bool createPersonal, CancellationToken cancellationToken)
    {
        var vaults = Vaults().Vaults;
        if (string.IsNullOrWhiteSpace(reference))
        {
            if (vaults.FirstOrDefault(v => v.Kind == VaultKind.Personal) is { } personal)
            {
                RefuseHistoryRejected(personal.VaultId);
                return personal;
            }

            if (!createPersonal) throw new CliException(ExitCodes.NotFoundOrConflict, "cli.not_found", "You have no personal vault yet: pm add creates it.");
            var created = await Operations.GetOrCreatePersonalVaultAsync(cancellationToken);
            context.Output.Note($"Created your personal vault ({created.VaultId}).");
            await SyncQuietlyAsync(cancellationToken);
            return created;
        }

        if (Guid.TryParse(reference.Trim(), out var refusedId)) RefuseHistoryRejected(refusedId);
        var resolved = ResolveNamedVault(reference);
        RefuseHistoryRejected(resolved.VaultId);
        return resolved;
    }

    /// <summary>A vault by id, id prefix or name, also when its last sync refused its history (to repair what this device holds).</summary>
    public UnlockedVault ResolveRefusedVault(string reference) => ResolveNamedVault(reference);

    private UnlockedVault ResolveNamedVault(string reference)
    {
        var vaults = Vaults().Vaults;
        // A vault whose record was refused has no name here: asked for by id, say why it cannot be opened.
        if (Guid.TryParse(reference.Trim(), out var id) && vaults.All(v => v.VaultId != id) && Cache.Vaults.TryGetValue(id, out var locked))
            return Operations.Describe(locked);
        try
        {
            return Pick(vaults, reference, v => v.VaultId, v => v.Name, "vault", "pm vault list");
        }
        catch (CliException notFound) when (notFound.Code == "cli.not_found" && Vaults().Skipped is { Count: > 0 } skipped)
        {
            throw new CliException(
                notFound.ExitCode, notFound.Code, $"{notFound.Message} {Plural.Of(skipped.Count, "vault", "vaults")} could not be opened: " + string.Join(" ", skipped.Select(s => s.Reason)));
        }
    }

    /// <summary>
    /// A live entry by id, id prefix or (case-insensitive) name, optionally within one vault. An entry whose server copy
    /// was refused is never used (exit 5); nor is a name found nowhere else while refused entries, whose names cannot
    /// be read, may be the one meant.
    /// </summary>
    public CachedEntry ResolveEntry(string reference, Guid? vaultId)
    {
        var refused = Cache.Refused.Values.Where(r => vaultId is null || r.VaultId == vaultId).ToList();
        CachedEntry entry;
        try
        {
            entry = PickEntry(reference, vaultId);
        }
        catch (CliException notFound) when (notFound.Code == "cli.not_found" && refused.Count > 0)
        {
            var named = refused.Where(r => IdMatches(r.EntryId, reference)).ToList();
            throw named.Count > 0 ? RefusedEntries(named) : RefusedEntries(refused, $"No verified entry matches '{reference.Trim()}'. ");
        }

        RefuseHistoryRejected(entry.VaultId);
        return Cache.Refused.TryGetValue(entry.EntryId, out var refusal) ? throw RefusedEntries([refusal]) : entry;
    }

    public static CliException RefusedEntries(IReadOnlyList<RefusedEntry> refused, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(refused);
        var code = refused.All(r => r.Rollback) ? "cli.rollback_detected" : "cli.entry_rejected";
        return new CliException(
            ExitCodes.UntrustedServer,
            code,
            prefix + string.Join(" ", refused.Select(Describe))
                + " Nothing was read or written. The server may be malicious or restored from an old backup: tell its operator; "
                + "pm sync --full checks again.");
    }

    public static string Describe(RefusedEntry refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return $"REFUSED entry {refused.EntryId} (vault {refused.VaultId}) at version {refused.OfferedVersion}: {refused.Reason}.";
    }

    private static bool IdMatches(Guid id, string reference)
    {
        reference = reference.Trim();
        return Guid.TryParse(reference, out var exact)
            ? exact == id
            : reference.Length >= 4 && id.ToString().StartsWith(reference, StringComparison.OrdinalIgnoreCase);
    }

    private CachedEntry PickEntry(string reference, Guid? vaultId)
    {
        var candidates = Cache.LiveEntries(vaultId).ToList();
        var names = new Dictionary<Guid, string>();
        foreach (var entry in candidates)
        {
            try
            {
                names[entry.EntryId] = Operations.Decrypt(entry).Data.Name;
            }
            catch (Exception exception) when (exception is CryptoException or VaultLockedException or System.Text.Json.JsonException)
            {
                names[entry.EntryId] = "";
            }
        }

        return Pick(candidates, reference, e => e.EntryId, e => names[e.EntryId], "entry", "pm list");
    }

    public string VaultName(Guid vaultId) =>
        Vaults().Vaults.FirstOrDefault(v => v.VaultId == vaultId)?.Name ?? vaultId.ToString();

    public static IEnumerable<string> Describe(SyncReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var rollback in report.Rollbacks)
        {
            yield return $"REFUSED entry {rollback.EntryId} (vault {rollback.VaultId}): the server offered version {rollback.OfferedVersion}, "
                + $"but this device already holds version {rollback.HeldVersion}. The server rolled it back (or was restored from an old backup); "
                + "the newer version is kept here.";
        }

        foreach (var rejected in report.Rejected)
            yield return $"REFUSED entry {rejected.EntryId} (vault {rejected.VaultId}) at version {rejected.Version}: {rejected.Reason}.";
        foreach (var skipped in report.SkippedVaults) yield return skipped.Reason;
    }

    public void Dispose()
    {
        Operations.Dispose();
        cacheKey.Dispose();
        keys.Dispose();
    }

    private static LocalVaultCache LoadCache(CliContext context, AccountKeys keys)
    {
        var bytes = context.Directory.ReadBytes(CacheFileName);
        if (bytes is null) return LocalVaultCache.Empty(keys.UserId);
        using var key = LocalCacheKey.Derive(keys);
        try
        {
            return LocalVaultCache.Open(key, bytes);
        }
        catch (Exception exception) when (exception is CryptoException or System.Text.Json.JsonException)
        {
            context.Output.Warn("The local cache belongs to another account or is damaged; starting a full sync.");
            return LocalVaultCache.Empty(keys.UserId);
        }
    }

    private static T Pick<T>(IReadOnlyList<T> items, string reference, Func<T, Guid> id, Func<T, string> name, string what, string listCommand)
    {
        reference = reference.Trim();
        if (Guid.TryParse(reference, out var exact))
        {
            return items.FirstOrDefault(i => id(i) == exact) is { } found
                ? found
                : throw new CliException(ExitCodes.NotFoundOrConflict, "cli.not_found", $"No {what} with id {exact}. See: {listCommand}");
        }

        var byName = items.Where(i => string.Equals(name(i), reference, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byName.Count == 0 && reference.Length >= 4)
            byName = [.. items.Where(i => id(i).ToString().StartsWith(reference, StringComparison.OrdinalIgnoreCase))];
        return byName switch
        {
            [var one] => one,
            [] => throw new CliException(ExitCodes.NotFoundOrConflict, "cli.not_found", $"No {what} named '{reference}'. See: {listCommand}"),
            _ => throw CliException.Usage(
                $"'{reference}' matches {byName.Count} {what} names; use the id: " + string.Join(", ", byName.Select(i => id(i).ToString()))),
        };
    }
}
