using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Vault.Contracts;
using PasswordManager.Client.Sdk.Vault.History;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// Vaults and entries for an unlocked account: vault keys are unwrapped only after the access record's
/// signature verified, entries are encrypted with the version the write creates (the AAD binds it), and sync
/// refuses any entry older than what this device already holds. Not thread-safe; dispose to wipe the vault keys.
/// </summary>
public sealed class VaultOperations : IDisposable
{
    public const string PersonalVaultName = "Personal";

    private readonly VaultCatalog catalog;
    private readonly EntryOperations entries;
    private readonly VaultSync sync;

    public VaultOperations(VaultApi api, AccountKeys keys)
        : this(api, keys, verifier: null)
    {
    }

    /// <summary>With <paramref name="trust"/>, vaults shared by others open once their granter's record verifies against a pinned key.</summary>
    public VaultOperations(VaultApi api, AccountKeys keys, TrustedKeys trust)
        : this(api, keys, new AccessRecordVerifier(api ?? throw new ArgumentNullException(nameof(api)), trust ?? throw new ArgumentNullException(nameof(trust))))
    {
    }

    private VaultOperations(VaultApi api, AccountKeys keys, AccessRecordVerifier? verifier)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(keys);
        KeyRing = new VaultKeyRing(api, keys, verifier);
        History = new VaultHistoryBook(api.History, keys, verifier?.Trust);
        catalog = new VaultCatalog(api, KeyRing, History);
        entries = new EntryOperations(api, KeyRing, History);
        sync = new VaultSync(api, KeyRing, catalog, entries, History);
    }

    public Guid UserId => KeyRing.Keys.UserId;

    internal VaultKeyRing KeyRing { get; }

    internal VaultHistoryBook History { get; }

    /// <summary>
    /// The verified state of the vault's signed history (docs/crypto-format.md §21): head, key epoch, members, entries.
    /// Null when this device verified none: the vault was created before signed history and no admin checkpointed it yet.
    /// </summary>
    public VaultHistoryState? HistoryOf(Guid vaultId) => History.Copy(vaultId);

    /// <summary>Seq of the vault's last checkpoint this device verified (0: none yet).</summary>
    public long LastCheckpointOf(Guid vaultId) => History.Find(vaultId)?.LastCheckpointSeq ?? 0;

    /// <summary>
    /// Checks a head code another member reported (docs/crypto-format.md §21.4) against the verified chain, and remembers it:
    /// every later sync must reach it. True when the verified chain contains it; false when it lies beyond the verified head.
    /// Save the cache afterwards.
    /// </summary>
    /// <exception cref="HistoryVerificationException">The verified chain holds another record at that seq (a fork).</exception>
    /// <exception cref="ArgumentException">Not a head code.</exception>
    public bool ExpectHead(LocalVaultCache cache, Guid vaultId, string headCode)
    {
        ArgumentNullException.ThrowIfNull(cache);
        History.Attach(cache);
        if (!HeadCode.TryParse(headCode, out var seq, out var prefix)) throw new ArgumentException($"'{headCode}' is not a head code (seq-XXXX-XXXX-XXXX-XXXX).", nameof(headCode));
        return History.Expect(vaultId, seq, prefix);
    }

    /// <summary>
    /// Forgets the head codes given to <see cref="ExpectHead"/> that the verified chain has not reached (a mistyped code):
    /// the next sync checks the vault's history without them. Returns how many; save the cache afterwards.
    /// </summary>
    public int ForgetExpectedHeads(LocalVaultCache cache, Guid vaultId)
    {
        ArgumentNullException.ThrowIfNull(cache);
        History.Attach(cache);
        return History.ForgetExpected(vaultId);
    }

    /// <summary>
    /// Writes the vault's first history record (admin only): a checkpoint of the state this device verified after a full
    /// sync — every live entry with its ciphertext hash, every live attachment, every member's access record. From then on
    /// every write to the vault carries a signed record.
    /// </summary>
    /// <exception cref="InvalidOperationException">The vault has a history already, or holds an entry this device refused.</exception>
    /// <exception cref="UnauthorizedAccessException">This account is not an admin of the vault.</exception>
    public Task<HistoryRecord> CheckpointAsync(
        LocalVaultCache cache, Guid vaultId, IReadOnlyList<AttachmentChange> attachments, CancellationToken cancellationToken = default) =>
        catalog.CheckpointAsync(
            cache, vaultId, attachments, KeyRing.Verifier ?? throw new InvalidOperationException("The vault operations were opened without key pinning."), cancellationToken);

    /// <summary>Creates a vault: a fresh key at epoch 1, sealed for this account and self-signed with admin; the name encrypted.</summary>
    public Task<UnlockedVault> CreateVaultAsync(string name, VaultKind kind = VaultKind.Shared, CancellationToken cancellationToken = default) =>
        catalog.CreateVaultAsync(name, kind, cancellationToken);

    /// <summary>The account's personal vault, created (kind personal, named "Personal") on first use.</summary>
    public Task<UnlockedVault> GetOrCreatePersonalVaultAsync(CancellationToken cancellationToken = default) => catalog.GetOrCreatePersonalVaultAsync(cancellationToken);

    /// <summary>Every vault the account can open; vaults whose record cannot be verified are listed in <see cref="VaultListing.Skipped"/>.</summary>
    public Task<VaultListing> ListVaultsAsync(CancellationToken cancellationToken = default) => catalog.ListVaultsAsync(cancellationToken);

    /// <summary>Verifies and describes vault records already at hand (from a cache or a sync).</summary>
    public VaultListing Describe(IEnumerable<VaultSummary> vaults) => catalog.Describe(vaults);

    /// <summary>Verifies the record, unwraps the key and decrypts the name.</summary>
    /// <exception cref="VaultLockedException">The record was granted by someone else (not verifiable yet) or does not verify.</exception>
    public UnlockedVault Describe(VaultSummary summary) => catalog.Describe(summary);

    public Task<SavedEntry> AddEntryAsync(Guid vaultId, EntryData data, CancellationToken cancellationToken = default) =>
        entries.AddEntryAsync(vaultId, data, cancellationToken);

    /// <summary>Creates many entries in one all-or-nothing request (at most 1,000: the server's batch limit).</summary>
    public Task<IReadOnlyList<SavedEntry>> AddEntriesAsync(Guid vaultId, IReadOnlyList<EntryData> entries, CancellationToken cancellationToken = default) =>
        this.entries.AddEntriesAsync(vaultId, entries, cancellationToken);

    /// <summary>Replaces <paramref name="currentVersion"/> (the version this device read) with <paramref name="data"/>.</summary>
    /// <exception cref="EntryConflictException">The entry changed on the server since <paramref name="currentVersion"/>.</exception>
    public Task<SavedEntry> UpdateEntryAsync(Guid vaultId, Guid entryId, long currentVersion, EntryData data, CancellationToken cancellationToken = default) =>
        entries.UpdateEntryAsync(vaultId, entryId, currentVersion, data, cancellationToken);

    /// <exception cref="EntryConflictException">The entry changed on the server since <paramref name="currentVersion"/>.</exception>
    public Task<SavedEntry> DeleteEntryAsync(Guid vaultId, Guid entryId, long currentVersion, CancellationToken cancellationToken = default) =>
        entries.DeleteEntryAsync(vaultId, entryId, currentVersion, cancellationToken);

    /// <summary>Reads an entry from the server and decrypts it (the AAD proves the ciphertext is this entry at this version).</summary>
    /// <exception cref="EntryDeletedException">The server holds only the entry's tombstone.</exception>
    public Task<DecryptedEntry> GetEntryAsync(Guid vaultId, Guid entryId, CancellationToken cancellationToken = default) =>
        entries.GetEntryAsync(vaultId, entryId, cancellationToken);

    /// <summary>Every live entry of a vault, read page by page from the server and decrypted.</summary>
    public Task<IReadOnlyList<DecryptedEntry>> ListEntriesAsync(Guid vaultId, CancellationToken cancellationToken = default) =>
        entries.ListEntriesAsync(vaultId, cancellationToken);

    /// <summary>The kept previous versions, newest first.</summary>
    public Task<IReadOnlyList<EntryVersionSummary>> ListHistoryAsync(Guid vaultId, Guid entryId, CancellationToken cancellationToken = default) =>
        entries.ListHistoryAsync(vaultId, entryId, cancellationToken);

    public Task<DecryptedEntry> GetVersionAsync(Guid vaultId, Guid entryId, long version, CancellationToken cancellationToken = default) =>
        entries.GetVersionAsync(vaultId, entryId, version, cancellationToken);

    /// <summary>Decrypts an entry the local cache holds.</summary>
    public DecryptedEntry Decrypt(CachedEntry entry) => entries.Decrypt(entry);

    /// <summary>
    /// The vaults the account can open, read from the server's (small) vault list instead of a sync, into
    /// <paramref name="cache"/> with the checks sync applies: granters' records verified, and a vault offered at a lower
    /// key epoch than the cache holds refused (kept as held, reported in <see cref="VaultListing.Skipped"/>).
    /// </summary>
    public Task<VaultListing> LoadVaultsAsync(LocalVaultCache cache, CancellationToken cancellationToken = default) =>
        sync.LoadVaultsAsync(cache, cancellationToken);

    /// <summary>
    /// The live entries of <paramref name="vaultId"/> named <paramref name="name"/>, found through the server's blind name
    /// index (docs/crypto-format.md §20) instead of a sync: one request (per 100 matches), about one entry's bytes. Every
    /// answer is checked and kept in <paramref name="cache"/> exactly as sync would (AAD of its claimed coordinates, the
    /// vault's current epoch, no rollback below or other copy of a version held); refusals are reported and remembered.
    /// Only entries whose decrypted name has the same normal form are returned: the index is a hint, never trusted.
    /// An empty answer does not prove there is none (entries written without an index): fall back to a sync.
    /// </summary>
    public Task<NameLookup> FindByNameAsync(LocalVaultCache cache, Guid vaultId, string name, CancellationToken cancellationToken = default) =>
        sync.FindByNameAsync(cache, vaultId, name, cancellationToken);

    /// <summary>
    /// Brings <paramref name="cache"/> up to date: only the changes since its cursor, page after page, ciphertexts
    /// that were not inline fetched in batches. Every ciphertext is checked to decrypt under its claimed vault,
    /// entry, epoch and version; an entry at a version lower than the one held is refused and reported
    /// (<see cref="SyncReport.Rollbacks"/>), as is one that does not decrypt (<see cref="SyncReport.Rejected"/>).
    /// Vaults the account lost access to are dropped.
    /// </summary>
    public Task<SyncReport> SyncAsync(
        LocalVaultCache cache, IProgress<SyncProgress>? progress = null, int? pageLimit = null, CancellationToken cancellationToken = default) =>
        sync.SyncAsync(cache, progress, pageLimit, cancellationToken);

    public void Dispose() => KeyRing.Dispose();
}
