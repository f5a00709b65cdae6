using System.Text.Json;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Vault.Contracts;
using PasswordManager.Client.Sdk.Vault.History;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>One entry as the cache holds it: metadata and the server's ciphertext (still encrypted under the vault key).</summary>
public sealed record CachedEntry(
    Guid EntryId, Guid VaultId, long Version, long KeyEpoch, bool Deleted, DateTimeOffset UpdatedAt, Guid UpdatedBy, byte[]? Ciphertext);

/// <summary>
/// What a device has synced: the cursor, the vault records and every entry's newest known version (tombstones
/// included, so that a lower version is recognised as a rollback). Stored sealed under the
/// <see cref="LocalCacheKey"/> (docs/crypto-format.md §16), so it is useless without the master password.
/// </summary>
public sealed class LocalVaultCache
{
    /// <summary>2: adds <see cref="History"/>. A format-1 cache is migrated on open (its cursor dropped, so the next sync is full and verified).</summary>
    public const int CurrentFormat = 2;

    public int Format { get; set; } = CurrentFormat;

    public Guid UserId { get; set; }

    public string? Cursor { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    public Dictionary<Guid, VaultSummary> Vaults { get; set; } = [];

    public Dictionary<Guid, CachedEntry> Entries { get; set; } = [];

    /// <summary>
    /// Entries whose server copy this device refused, kept across runs (a later incremental sync does not offer them
    /// again) until a sync brings a copy that verifies, the entry disappears in a full sync, or its vault is dropped.
    /// </summary>
    public Dictionary<Guid, RefusedEntry> Refused { get; set; } = [];

    /// <summary>Per vault, the signed history this device verified (docs/crypto-format.md §21.2), and the heads it was told to expect.</summary>
    public Dictionary<Guid, HeldHistory> History { get; set; } = [];

    /// <summary>Vaults whose history did not verify (vault id → why), until a full sync verifies them: no write goes to them.</summary>
    public Dictionary<Guid, string> HistoryRejected { get; set; } = [];

    public static LocalVaultCache Empty(Guid userId) => new() { UserId = userId };

    /// <summary>Opens a sealed cache.</summary>
    /// <exception cref="Crypto.DecryptionFailedException">Another account's cache, or tampered.</exception>
    /// <exception cref="JsonException">Not a cache of this format.</exception>
    public static LocalVaultCache Open(LocalCacheKey key, ReadOnlySpan<byte> sealedCache)
    {
        ArgumentNullException.ThrowIfNull(key);
        var plaintext = key.Open(sealedCache);
        try
        {
            var cache = JsonSerializer.Deserialize<LocalVaultCache>(plaintext, SdkJson.Options) ?? throw new JsonException("The cache is empty.");
            if (cache.Format is < 1 or > CurrentFormat || cache.UserId != key.UserId) throw new JsonException($"Cache format {cache.Format} of user {cache.UserId} is not usable here.");
            cache.Vaults ??= [];
            cache.Entries ??= [];
            cache.Refused ??= [];
            cache.History ??= [];
            cache.HistoryRejected ??= [];
            if (cache.Format < CurrentFormat)
            {
                // Held entries stay (they still catch a rollback); the next sync is full so that every one is checked against the history.
                cache.Format = CurrentFormat;
                cache.Cursor = null;
            }

            return cache;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public byte[] Seal(LocalCacheKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(this, SdkJson.Options);
        try
        {
            return key.Seal(plaintext);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Records an acknowledged write of this device, unless the cache already holds a newer version.</summary>
    public void Apply(SavedEntry saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (Entries.TryGetValue(saved.EntryId, out var held) && held.Version >= saved.Version) return;
        Entries[saved.EntryId] = new CachedEntry(
            saved.EntryId, saved.VaultId, saved.Version, saved.KeyEpoch, saved.Deleted, saved.SavedAt, saved.SavedBy, saved.Deleted ? null : saved.Ciphertext);
    }

    public IEnumerable<CachedEntry> LiveEntries(Guid? vaultId = null) =>
        Entries.Values.Where(e => !e.Deleted && (vaultId is null || e.VaultId == vaultId));

    internal void DropVault(Guid vaultId)
    {
        Vaults.Remove(vaultId);
        foreach (var id in Entries.Values.Where(e => e.VaultId == vaultId).Select(e => e.EntryId).ToList()) Entries.Remove(id);
        foreach (var id in Refused.Values.Where(r => r.VaultId == vaultId).Select(r => r.EntryId).ToList()) Refused.Remove(id);
        History.Remove(vaultId);
        HistoryRejected.Remove(vaultId);
    }
}

/// <summary>How far a sync is.</summary>
public sealed record SyncProgress(int Pages, int Entries, bool HasMore);

/// <summary>An entry the server offered at a version lower than one this device already holds: refused.</summary>
public sealed record RollbackAttempt(Guid VaultId, Guid EntryId, long HeldVersion, long OfferedVersion);

/// <summary>
/// An entry whose ciphertext did not decrypt under its claimed vault, id, epoch and version, or that differs from the
/// copy this device already holds at the same version: refused.
/// </summary>
public sealed record RejectedEntry(Guid VaultId, Guid EntryId, long Version, string Reason);

/// <summary>A refusal the cache remembers: the version the server offered and why it was refused.</summary>
public sealed record RefusedEntry(Guid VaultId, Guid EntryId, long OfferedVersion, bool Rollback, string Reason);

/// <summary>What a lookup by name found (verified, live, the name's normal form equal) and what it refused.</summary>
public sealed record NameLookup(IReadOnlyList<CachedEntry> Entries, IReadOnlyList<RollbackAttempt> Rollbacks, IReadOnlyList<RejectedEntry> Rejected);

public sealed record SyncReport(
    int Pages,
    bool FullSync,
    int VaultsChanged,
    int EntriesUpdated,
    int EntriesDeleted,
    IReadOnlyList<Guid> LostAccess,
    IReadOnlyList<SkippedVault> SkippedVaults,
    IReadOnlyList<RollbackAttempt> Rollbacks,
    IReadOnlyList<RejectedEntry> Rejected,
    IReadOnlyList<Guid>? UnverifiedHistory = null)
{
    /// <summary>True when the server offered something this device refused: it may be malicious or restored from an old backup.</summary>
    public bool Suspicious => Rollbacks.Count > 0 || Rejected.Count > 0;
}
