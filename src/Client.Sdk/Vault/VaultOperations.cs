using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Sharing;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// Vaults and entries for an unlocked account: vault keys are unwrapped only after the access record's
/// signature verified, entries are encrypted with the version the write creates (the AAD binds it), and sync
/// refuses any entry older than what this device already holds. Not thread-safe; dispose to wipe the vault keys.
/// </summary>
public sealed class VaultOperations : IDisposable
{
    public const string PersonalVaultName = "Personal";
    private const int fetchBatch = 256;

    private readonly VaultApi api;
    private readonly AccountKeys keys;
    private readonly Dictionary<Guid, VaultSummary> summaries = [];
    private readonly Dictionary<(Guid VaultId, long Epoch), VaultKey> vaultKeys = [];
    private readonly Dictionary<(Guid VaultId, long Epoch, Guid GranterId), PublicKeyBundle> verifiedGranters = [];
    private readonly Dictionary<Guid, Exception> refusedRecords = [];
    private readonly AccessRecordVerifier? verifier;

    public VaultOperations(VaultApi api, AccountKeys keys)
    {
        this.api = api ?? throw new ArgumentNullException(nameof(api));
        this.keys = keys ?? throw new ArgumentNullException(nameof(keys));
    }

    /// <summary>With <paramref name="trust"/>, vaults shared by others open once their granter's record verifies against a pinned key.</summary>
    public VaultOperations(VaultApi api, AccountKeys keys, SharingApi sharing, TrustedKeys trust)
        : this(api, keys)
    {
        ArgumentNullException.ThrowIfNull(sharing);
        ArgumentNullException.ThrowIfNull(trust);
        verifier = new AccessRecordVerifier(sharing, trust);
    }

    internal AccountKeys Keys => keys;

    internal AccessRecordVerifier? Verifier => verifier;

    public Guid UserId => keys.UserId;

    /// <summary>Creates a vault: a fresh key at epoch 1, sealed for this account and self-signed with admin; the name encrypted.</summary>
    public async Task<UnlockedVault> CreateVaultAsync(string name, VaultKind kind = VaultKind.Shared, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var vaultId = Guid.NewGuid();
        using var key = VaultKey.Create(vaultId, 1);
        var grant = key.WrapFor(keys.PublicBundle, AccessPermission.Admin, keys);
        var metadata = VaultMetadataCipher.Encrypt(key, JsonSerializer.SerializeToUtf8Bytes(new VaultMetadata(name.Trim()), SdkJson.Options));
        var summary = await api.CreateVaultAsync(new CreateVaultRequest(vaultId, kind, metadata, grant.WrappedKey, grant.Signature), cancellationToken);
        return Describe(summary);
    }

    /// <summary>The account's personal vault, created (kind personal, named "Personal") on first use.</summary>
    public async Task<UnlockedVault> GetOrCreatePersonalVaultAsync(CancellationToken cancellationToken = default)
    {
        var listing = await ListVaultsAsync(cancellationToken);
        if (listing.Vaults.FirstOrDefault(v => v.Kind == VaultKind.Personal) is { } personal) return personal;
        try
        {
            return await CreateVaultAsync(PersonalVaultName, VaultKind.Personal, cancellationToken);
        }
        catch (PmApiException problem) when (problem.Code == "vault.personal_exists")
        {
            // Another device created it in between.
            listing = await ListVaultsAsync(cancellationToken);
            return listing.Vaults.First(v => v.Kind == VaultKind.Personal);
        }
    }

    /// <summary>Every vault the account can open; vaults whose record cannot be verified are listed in <see cref="VaultListing.Skipped"/>.</summary>
    public async Task<VaultListing> ListVaultsAsync(CancellationToken cancellationToken = default)
    {
        var list = await api.ListVaultsAsync(cancellationToken);
        await VerifyGrantersAsync(list.Items, cancellationToken);
        return Describe(list.Items);
    }

    /// <summary>Verifies and describes vault records already at hand (from a cache or a sync).</summary>
    public VaultListing Describe(IEnumerable<VaultSummary> vaults)
    {
        ArgumentNullException.ThrowIfNull(vaults);
        var unlocked = new List<UnlockedVault>();
        var skipped = new List<SkippedVault>();
        foreach (var summary in vaults)
        {
            try
            {
                unlocked.Add(Describe(summary));
            }
            catch (VaultLockedException locked)
            {
                skipped.Add(new SkippedVault(summary.VaultId, locked.Message));
            }
        }

        return new VaultListing(unlocked, skipped);
    }

    /// <summary>Verifies the record, unwraps the key and decrypts the name.</summary>
    /// <exception cref="VaultLockedException">The record was granted by someone else (not verifiable yet) or does not verify.</exception>
    public UnlockedVault Describe(VaultSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var key = KeyFor(summary);
        var name = "(unnamed)";
        if (summary.EncryptedMetadata is { } metadata && key.Epoch == summary.KeyEpoch)
        {
            try
            {
                name = JsonSerializer.Deserialize<VaultMetadata>(VaultMetadataCipher.Decrypt(key, metadata), SdkJson.Options)?.Name ?? name;
            }
            catch (Exception exception) when (exception is CryptoException or JsonException)
            {
                throw new VaultLockedException(summary.VaultId, $"Vault {summary.VaultId}: its metadata does not decrypt under its key ({exception.Message}).", exception);
            }
        }

        return new UnlockedVault(summary.VaultId, summary.Kind, name, summary.Access.KeyEpoch, summary.Access.Permission, summary.Revision, summary.CreatedAt);
    }

    public async Task<SavedEntry> AddEntryAsync(Guid vaultId, EntryData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var entryId = Guid.NewGuid();
        var key = await KeyForAsync(vaultId, cancellationToken);
        var ciphertext = EntryCipher.Encrypt(key, entryId, 1, data.ToUtf8());
        var request = new UpsertEntryRequest(null, key.Epoch, ciphertext, EntryNameIndex.Compute(key, data.Name));
        var outcome = await WriteAsync(() => api.UpsertEntryAsync(vaultId, entryId, request, cancellationToken));
        return Saved(vaultId, outcome, key.Epoch, ciphertext);
    }

    /// <summary>Creates many entries in one all-or-nothing request (at most 1,000: the server's batch limit).</summary>
    public async Task<IReadOnlyList<SavedEntry>> AddEntriesAsync(Guid vaultId, IReadOnlyList<EntryData> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var key = await KeyForAsync(vaultId, cancellationToken);
        var writes = entries.Select(data =>
        {
            var entryId = Guid.NewGuid();
            return new EntryWriteItem(
                entryId, null, key.Epoch, EntryCipher.Encrypt(key, entryId, 1, data.ToUtf8()), Delete: false, EntryNameIndex.Compute(key, data.Name));
        }).ToList();
        var result = await api.WriteEntriesAsync(vaultId, new WriteEntriesRequest(writes), cancellationToken);
        var sent = writes.ToDictionary(w => w.EntryId, w => w.Ciphertext);
        return [.. result.Items.Select(outcome => Saved(vaultId, outcome, key.Epoch, sent[outcome.EntryId]))];
    }

    /// <summary>Replaces <paramref name="currentVersion"/> (the version this device read) with <paramref name="data"/>.</summary>
    /// <exception cref="EntryConflictException">The entry changed on the server since <paramref name="currentVersion"/>.</exception>
    public async Task<SavedEntry> UpdateEntryAsync(Guid vaultId, Guid entryId, long currentVersion, EntryData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var key = await KeyForAsync(vaultId, cancellationToken);
        var ciphertext = EntryCipher.Encrypt(key, entryId, currentVersion + 1, data.ToUtf8());
        var request = new UpsertEntryRequest(currentVersion, key.Epoch, ciphertext, EntryNameIndex.Compute(key, data.Name));
        var outcome = await WriteAsync(() => api.UpsertEntryAsync(vaultId, entryId, request, cancellationToken));
        return Saved(vaultId, outcome, key.Epoch, ciphertext);
    }

    /// <exception cref="EntryConflictException">The entry changed on the server since <paramref name="currentVersion"/>.</exception>
    public async Task<SavedEntry> DeleteEntryAsync(Guid vaultId, Guid entryId, long currentVersion, CancellationToken cancellationToken = default)
    {
        var outcome = await WriteAsync(() => api.DeleteEntryAsync(vaultId, entryId, currentVersion, cancellationToken));
        var epoch = summaries.TryGetValue(vaultId, out var summary) ? summary.Access.KeyEpoch : 1;
        return Saved(vaultId, outcome, epoch, null);
    }

    /// <summary>Reads an entry from the server and decrypts it (the AAD proves the ciphertext is this entry at this version).</summary>
    public async Task<DecryptedEntry> GetEntryAsync(Guid vaultId, Guid entryId, CancellationToken cancellationToken = default)
    {
        var details = await api.GetEntryAsync(vaultId, entryId, cancellationToken);
        if (details.Entry.Deleted || details.Ciphertext is null)
            throw new PmApiException(System.Net.HttpStatusCode.NotFound, "vault.entry_deleted", $"Entry {entryId} was deleted.");
        var state = details.Entry;
        return await DecryptAsync(vaultId, entryId, state.Version, state.KeyEpoch, state.UpdatedAt, state.UpdatedBy, details.Ciphertext, cancellationToken);
    }

    /// <summary>Every live entry of a vault, read page by page from the server and decrypted.</summary>
    public async Task<IReadOnlyList<DecryptedEntry>> ListEntriesAsync(Guid vaultId, CancellationToken cancellationToken = default)
    {
        var states = new List<EntryState>();
        Guid? after = null;
        do
        {
            var page = await api.ListEntriesAsync(vaultId, after, 1000, includeDeleted: false, cancellationToken);
            states.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        var result = new List<DecryptedEntry>(states.Count);
        foreach (var chunk in states.Chunk(fetchBatch))
        {
            var fetched = await api.FetchEntriesAsync(vaultId, new FetchEntriesRequest([.. chunk.Select(s => s.EntryId)]), cancellationToken);
            foreach (var item in fetched.Items.Where(i => !i.Entry.Deleted && i.Ciphertext is not null))
            {
                var s = item.Entry;
                result.Add(await DecryptAsync(vaultId, s.EntryId, s.Version, s.KeyEpoch, s.UpdatedAt, s.UpdatedBy, item.Ciphertext!, cancellationToken));
            }
        }

        return result;
    }

    /// <summary>The kept previous versions, newest first.</summary>
    public async Task<IReadOnlyList<EntryVersionSummary>> ListHistoryAsync(Guid vaultId, Guid entryId, CancellationToken cancellationToken = default) =>
        (await api.ListEntryVersionsAsync(vaultId, entryId, cancellationToken)).Items;

    public async Task<DecryptedEntry> GetVersionAsync(Guid vaultId, Guid entryId, long version, CancellationToken cancellationToken = default)
    {
        var details = await api.GetEntryVersionAsync(vaultId, entryId, version, cancellationToken);
        if (details.Version != version) throw new DecryptionFailedException($"The server answered version {details.Version} when asked for {version}.");
        return await DecryptAsync(vaultId, entryId, version, details.KeyEpoch, details.CreatedAt, details.CreatedBy, details.Ciphertext, cancellationToken);
    }

    /// <summary>Decrypts an entry the local cache holds.</summary>
    public DecryptedEntry Decrypt(CachedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Deleted || entry.Ciphertext is null) throw new InvalidOperationException($"Entry {entry.EntryId} is deleted.");
        var key = CachedKey(entry.VaultId, entry.KeyEpoch);
        return new DecryptedEntry(
            entry.VaultId, entry.EntryId, entry.Version, entry.UpdatedAt, entry.UpdatedBy, EntryData.Parse(EntryCipher.Decrypt(key, entry.EntryId, entry.Version, entry.Ciphertext)));
    }

    /// <summary>
    /// The vaults the account can open, read from the server's (small) vault list instead of a sync, into
    /// <paramref name="cache"/> with the checks sync applies: granters' records verified, and a vault offered at a lower
    /// key epoch than the cache holds refused (kept as held, reported in <see cref="VaultListing.Skipped"/>).
    /// </summary>
    public async Task<VaultListing> LoadVaultsAsync(LocalVaultCache cache, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var list = await api.ListVaultsAsync(cancellationToken);
        await VerifyGrantersAsync(list.Items, cancellationToken);
        var state = new SyncState(full: false);
        ApplyVaults(cache, state, new SyncChangesResult(cache.Cursor ?? "", false, list.Items, [], []));
        var listing = Describe(cache.Vaults.Values.Where(v => state.SeenVaults.Contains(v.VaultId)));
        return listing with { Skipped = [.. listing.Skipped, .. state.Skipped.Where(s => listing.Skipped.All(l => l.VaultId != s.VaultId))] };
    }

    /// <summary>
    /// The live entries of <paramref name="vaultId"/> named <paramref name="name"/>, found through the server's blind name
    /// index (docs/crypto-format.md §20) instead of a sync: one request (per 100 matches), about one entry's bytes. Every
    /// answer is checked and kept in <paramref name="cache"/> exactly as sync would (AAD of its claimed coordinates, the
    /// vault's current epoch, no rollback below or other copy of a version held); refusals are reported and remembered.
    /// Only entries whose decrypted name has the same normal form are returned: the index is a hint, never trusted.
    /// An empty answer does not prove there is none (entries written without an index): fall back to a sync.
    /// </summary>
    public async Task<NameLookup> FindByNameAsync(LocalVaultCache cache, Guid vaultId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(name);
        var key = await KeyForAsync(vaultId, cancellationToken);
        var wanted = EntryNameIndex.Normalize(name);
        if (wanted is null || EntryNameIndex.Compute(key, name) is not { } index) return new NameLookup([], [], []);

        var state = new SyncState(full: false);
        Guid? after = null;
        do
        {
            var page = await api.ListEntriesByNameIndexAsync(vaultId, index, after, cancellationToken: cancellationToken);
            // A server that ignores the filter (older than the index) answers other entries, without ciphertexts: not an answer.
            foreach (var item in page.Items.Where(i => i.NameIndex == index))
            {
                if (item.VaultId != vaultId)
                {
                    state.Rejected.Add(new RejectedEntry(item.VaultId, item.EntryId, item.Version, $"the server answered it for a lookup in vault {vaultId}"));
                    continue;
                }

                Apply(cache, state, item.State, item.Ciphertext);
            }

            after = page.Next;
        }
        while (after is not null);

        var matches = cache.LiveEntries(vaultId)
            .Where(e => state.Seen.Contains(e.EntryId) && !cache.Refused.ContainsKey(e.EntryId) && NormalName(e) == wanted)
            .ToList();
        return new NameLookup(matches, state.Rollbacks, state.Rejected);
    }

    private string? NormalName(CachedEntry entry)
    {
        try
        {
            return EntryNameIndex.Normalize(Decrypt(entry).Data.Name);
        }
        catch (Exception exception) when (exception is CryptoException or VaultLockedException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The blind index of the name in an entry plaintext under <paramref name="key"/>; null if it has none or is not an entry.</summary>
    internal static string? NameIndexOf(VaultKey key, ReadOnlySpan<byte> plaintext)
    {
        try
        {
            return EntryNameIndex.Compute(key, EntryData.Parse(plaintext).Name);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Brings <paramref name="cache"/> up to date: only the changes since its cursor, page after page, ciphertexts
    /// that were not inline fetched in batches. Every ciphertext is checked to decrypt under its claimed vault,
    /// entry, epoch and version; an entry at a version lower than the one held is refused and reported
    /// (<see cref="SyncReport.Rollbacks"/>), as is one that does not decrypt (<see cref="SyncReport.Rejected"/>).
    /// Vaults the account lost access to are dropped.
    /// </summary>
    public async Task<SyncReport> SyncAsync(
        LocalVaultCache cache, IProgress<SyncProgress>? progress = null, int? pageLimit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var state = new SyncState(cache.Cursor is null);
        foreach (var summary in cache.Vaults.Values) summaries[summary.VaultId] = summary;
        await VerifyGrantersAsync(cache.Vaults.Values, cancellationToken);
        var cursor = cache.Cursor;
        var pages = 0;
        var received = 0;
        var requested = cursor;
        var pending = api.SyncAsync(requested, pageLimit, cancellationToken);
        try
        {
            while (true)
            {
                SyncChangesResult page;
                try
                {
                    page = await pending;
                }
                catch (PmApiException problem) when (problem.Code == "vault.resync_required" && requested is not null)
                {
                    // The cursor is older than the kept tombstones: start over, still comparing against what we hold.
                    (requested, state.Full) = (null, true);
                    pending = api.SyncAsync(requested, pageLimit, cancellationToken);
                    continue;
                }

                // The next page is requested before this one is processed, so the server works while we verify.
                requested = page.Cursor;
                pending = page.HasMore ? api.SyncAsync(requested, pageLimit, cancellationToken) : Task.FromResult(page);
                pages++;
                await VerifyGrantersAsync(page.Vaults, cancellationToken);
                ApplyVaults(cache, state, page);
                var changes = await CompleteAsync(page.Entries, cancellationToken);
                foreach (var (entry, ciphertext) in changes) Apply(cache, state, entry, ciphertext);
                received += page.Entries.Count;
                cursor = page.Cursor;
                progress?.Report(new SyncProgress(pages, received, page.HasMore));
                if (!page.HasMore) break;
            }
        }
        catch
        {
            // Observe a prefetched page that nobody will await.
            _ = pending.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }

        if (state.Full)
        {
            // A full sync lists every live entry: anything else held is gone (deleted and purged, or its vault is gone).
            foreach (var stale in cache.Entries.Values.Where(e => !state.Seen.Contains(e.EntryId) && !e.Deleted).Select(e => e.EntryId).ToList())
                cache.Entries.Remove(stale);
            foreach (var gone in cache.Refused.Keys.Where(id => !state.Seen.Contains(id)).ToList()) cache.Refused.Remove(gone);
            foreach (var vault in cache.Vaults.Keys.Where(v => !state.SeenVaults.Contains(v)).ToList())
            {
                cache.DropVault(vault);
                summaries.Remove(vault);
            }
        }

        cache.Cursor = cursor;
        cache.LastSyncedAt = DateTimeOffset.UtcNow;
        return new SyncReport(
            pages, state.Full, state.VaultsChanged, state.Updated, state.Deleted, state.LostAccess, state.Skipped, state.Rollbacks, state.Rejected);
    }

    private void ApplyVaults(LocalVaultCache cache, SyncState state, SyncChangesResult page)
    {
        foreach (var lost in page.LostAccess)
        {
            cache.DropVault(lost);
            summaries.Remove(lost);
            state.LostAccess.Add(lost);
        }

        foreach (var summary in page.Vaults)
        {
            if (cache.Vaults.TryGetValue(summary.VaultId, out var held) && summary.KeyEpoch < held.KeyEpoch)
            {
                // Key epochs only grow: an older one is a replayed vault row and its record, so the newer one is kept.
                state.SeenVaults.Add(summary.VaultId);
                state.Skipped.Add(new SkippedVault(
                    summary.VaultId, $"REFUSED vault {summary.VaultId}: the server offered key epoch {summary.KeyEpoch}, but this device already saw epoch {held.KeyEpoch}."));
                continue;
            }

            cache.Vaults[summary.VaultId] = summary;
            summaries[summary.VaultId] = summary;
            state.SeenVaults.Add(summary.VaultId);
            state.VaultsChanged++;
            try
            {
                KeyFor(summary);
            }
            catch (VaultLockedException locked)
            {
                state.Skipped.Add(new SkippedVault(summary.VaultId, locked.Message));
            }
        }
    }

    public void Dispose()
    {
        foreach (var key in vaultKeys.Values) key.Dispose();
        vaultKeys.Clear();
    }

    /// <summary>Pairs every change with its ciphertext, fetching those the page did not carry inline (256 per request).</summary>
    private async Task<List<(EntryState Entry, byte[]? Ciphertext)>> CompleteAsync(IReadOnlyList<SyncedEntry> entries, CancellationToken cancellationToken)
    {
        var result = new List<(EntryState, byte[]?)>(entries.Count);
        var missing = new List<EntryState>();
        foreach (var change in entries)
        {
            if (change.CiphertextInline || change.Entry.Deleted) result.Add((change.Entry, change.Ciphertext));
            else missing.Add(change.Entry);
        }

        foreach (var group in missing.GroupBy(e => e.VaultId))
        {
            foreach (var chunk in group.Chunk(fetchBatch))
            {
                var fetched = await api.FetchEntriesAsync(group.Key, new FetchEntriesRequest([.. chunk.Select(e => e.EntryId)]), cancellationToken);
                // The fetch answers the current state, which may be newer than the page's: it is checked the same way.
                result.AddRange(fetched.Items.Select(i => (i.Entry, i.Ciphertext)));
            }
        }

        return result;
    }

    private void Apply(LocalVaultCache cache, SyncState state, EntryState entry, byte[]? ciphertext)
    {
        state.Seen.Add(entry.EntryId);
        if (cache.Entries.TryGetValue(entry.EntryId, out var held))
        {
            if (entry.Version < held.Version)
            {
                state.Rollbacks.Add(new RollbackAttempt(entry.VaultId, entry.EntryId, held.Version, entry.Version));
                cache.Refused[entry.EntryId] = new RefusedEntry(
                    entry.VaultId, entry.EntryId, entry.Version, Rollback: true, $"the server offered version {entry.Version}, but this device already holds version {held.Version}");
                return;
            }

            if (entry.Version == held.Version)
            {
                // A version is written once (a re-key writes a new one), so a second, different copy of it was made up or moved here.
                if (SameCopy(held, entry, ciphertext))
                {
                    cache.Refused.Remove(entry.EntryId);
                    return;
                }

                Reject(cache, state, entry, $"it differs from the verified copy of version {held.Version} this device holds (which is kept)");
                return;
            }
        }

        if (!entry.Deleted)
        {
            if (ciphertext is null)
            {
                Reject(cache, state, entry, "the server sent no ciphertext");
                return;
            }

            if (Verify(entry, ciphertext) is { } problem)
            {
                Reject(cache, state, entry, problem);
                return;
            }
        }

        cache.Refused.Remove(entry.EntryId);
        cache.Entries[entry.EntryId] = new CachedEntry(
            entry.EntryId, entry.VaultId, entry.Version, entry.KeyEpoch, entry.Deleted, entry.UpdatedAt, entry.UpdatedBy, entry.Deleted ? null : ciphertext);
        if (entry.Deleted) state.Deleted++;
        else state.Updated++;
    }

    private static bool SameCopy(CachedEntry held, EntryState offered, byte[]? ciphertext) =>
        held.VaultId == offered.VaultId && held.Deleted == offered.Deleted
        && (held.Deleted || (held.KeyEpoch == offered.KeyEpoch && ciphertext is not null && held.Ciphertext is not null && ciphertext.AsSpan().SequenceEqual(held.Ciphertext)));

    private static void Reject(LocalVaultCache cache, SyncState state, EntryState entry, string reason)
    {
        state.Rejected.Add(new RejectedEntry(entry.VaultId, entry.EntryId, entry.Version, reason));
        cache.Refused[entry.EntryId] = new RefusedEntry(entry.VaultId, entry.EntryId, entry.Version, Rollback: false, reason);
    }

    /// <summary>Null when the ciphertext decrypts under its claimed coordinates (or cannot be checked yet: a vault we cannot open).</summary>
    private string? Verify(EntryState entry, byte[] ciphertext)
    {
        if (!summaries.TryGetValue(entry.VaultId, out var summary)) return "it belongs to no vault this account can see";
        if (entry.KeyEpoch < summary.KeyEpoch)
            return $"it claims key epoch {entry.KeyEpoch}, but the vault is at epoch {summary.KeyEpoch} and a re-key re-encrypts every live entry";
        if (!vaultKeys.TryGetValue((entry.VaultId, entry.KeyEpoch), out var key))
        {
            if (summary.Access.KeyEpoch != entry.KeyEpoch) return null;
            try
            {
                key = KeyFor(summary);
            }
            catch (VaultLockedException)
            {
                // Granted by someone whose key cannot be verified yet: stored, but unreadable until it can.
                return null;
            }
        }

        byte[]? plaintext = null;
        try
        {
            var length = EntryCipher.GetPlaintextLength(ciphertext);
            plaintext = ArrayPool<byte>.Shared.Rent(length);
            EntryCipher.Decrypt(key, entry.EntryId, entry.Version, ciphertext, plaintext.AsSpan(0, length));
            return null;
        }
        catch (CryptoException exception)
        {
            return $"it does not decrypt as version {entry.Version} of this entry ({exception.Message})";
        }
        finally
        {
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
                ArrayPool<byte>.Shared.Return(plaintext);
            }
        }
    }

    private async Task<DecryptedEntry> DecryptAsync(
        Guid vaultId, Guid entryId, long version, long keyEpoch, DateTimeOffset updatedAt, Guid updatedBy, byte[] ciphertext, CancellationToken cancellationToken)
    {
        var key = await KeyForAsync(vaultId, cancellationToken);
        if (key.Epoch != keyEpoch) key = CachedKey(vaultId, keyEpoch);
        var plaintext = EntryCipher.Decrypt(key, entryId, version, ciphertext);
        try
        {
            return new DecryptedEntry(vaultId, entryId, version, updatedAt, updatedBy, EntryData.Parse(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The verified vault key of <paramref name="epoch"/> (null: the vault's current epoch), for attachments.</summary>
    internal async Task<VaultKey> GetVaultKeyAsync(Guid vaultId, long? epoch, CancellationToken cancellationToken)
    {
        var key = await KeyForAsync(vaultId, cancellationToken);
        return epoch is { } wanted && wanted != key.Epoch ? CachedKey(vaultId, wanted) : key;
    }

    private VaultKey CachedKey(Guid vaultId, long epoch)
    {
        if (vaultKeys.TryGetValue((vaultId, epoch), out var key)) return key;
        if (summaries.TryGetValue(vaultId, out var summary) && summary.Access.KeyEpoch == epoch) return KeyFor(summary);
        throw new VaultLockedException(vaultId, $"No key of epoch {epoch} for vault {vaultId} (the vault was re-keyed; sync first).");
    }

    internal async Task<VaultKey> KeyForAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        if (!summaries.TryGetValue(vaultId, out var summary))
        {
            summary = await api.GetVaultAsync(vaultId, cancellationToken);
            await VerifyGrantersAsync([summary], cancellationToken);
        }

        return KeyFor(summary);
    }

    /// <summary>The vault as the server describes it now, its record verified and its key unwrapped.</summary>
    internal async Task<(VaultSummary Summary, VaultKey Key)> ReloadAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        var summary = await api.GetVaultAsync(vaultId, cancellationToken);
        await VerifyGrantersAsync([summary], cancellationToken);
        return (summary, KeyFor(summary));
    }

    /// <summary>
    /// Checks the records granted by someone else (epoch, signature against the granter's pinned bundle, granter is an
    /// admin) before <see cref="KeyFor"/> may use them; a record that fails is remembered with its reason.
    /// </summary>
    private async Task VerifyGrantersAsync(IEnumerable<VaultSummary> vaults, CancellationToken cancellationToken)
    {
        if (verifier is null) return;
        foreach (var summary in vaults.ToList())
        {
            var access = summary.Access;
            if (access.GranterId == keys.UserId) continue;

            // A record re-signed since (its granter rotated its keys) is verified again, through the hand-over.
            if (verifiedGranters.TryGetValue((summary.VaultId, access.KeyEpoch, access.GranterId), out var known) && SignedBy(summary, known)) continue;
            try
            {
                verifiedGranters[(summary.VaultId, access.KeyEpoch, access.GranterId)] = await verifier.VerifyOwnRecordAsync(summary, cancellationToken);
                refusedRecords.Remove(summary.VaultId);
            }
            catch (Exception exception) when (exception is CryptoException or KeyChangedException or UntrustedAccessRecordException
                || (exception is PmApiException { Status: System.Net.HttpStatusCode.NotFound }))
            {
                refusedRecords[summary.VaultId] = exception;
            }
        }
    }

    private static bool SignedBy(VaultSummary summary, PublicKeyBundle granter)
    {
        try
        {
            AccessRecordVerifier.ToGrant(summary).Verify(granter);
            return true;
        }
        catch (CryptoException)
        {
            return false;
        }
    }

    private VaultKey KeyFor(VaultSummary summary)
    {
        summaries[summary.VaultId] = summary;
        var access = summary.Access;
        if (access.KeyEpoch != summary.KeyEpoch)
        {
            throw new VaultLockedException(
                summary.VaultId, $"Vault {summary.VaultId}: your access record is for key epoch {access.KeyEpoch}, but the vault is at epoch {summary.KeyEpoch}; refused (a replayed record?).");
        }

        if (vaultKeys.TryGetValue((summary.VaultId, access.KeyEpoch), out var known)) return known;
        PublicKeyBundle granterBundle;
        if (access.GranterId == keys.UserId)
        {
            granterBundle = keys.PublicBundle;
        }
        else if (verifiedGranters.TryGetValue((summary.VaultId, access.KeyEpoch, access.GranterId), out var verified))
        {
            granterBundle = verified;
        }
        else
        {
            var refused = refusedRecords.GetValueOrDefault(summary.VaultId);
            throw new VaultLockedException(
                summary.VaultId,
                refused is null
                    ? $"Vault {summary.VaultId} was shared with you by user {access.GranterId}, whose signature is not verified yet (sync first). Skipped."
                    : $"Vault {summary.VaultId}: the access record shared by user {access.GranterId} was refused: {refused.Message}",
                refused);
        }

        var grant = AccessRecordVerifier.ToGrant(summary);
        try
        {
            var key = VaultKey.Unwrap(grant, granterBundle, keys);
            vaultKeys[(summary.VaultId, access.KeyEpoch)] = key;
            return key;
        }
        catch (CryptoException exception)
        {
            throw new VaultLockedException(summary.VaultId, $"Vault {summary.VaultId}: its access record failed verification ({exception.Message}).", exception);
        }
    }

    private static async Task<EntryWriteOutcome> WriteAsync(Func<Task<EntryWriteOutcome>> write)
    {
        try
        {
            return await write();
        }
        catch (PmApiException problem) when (problem.Code == "vault.stale_version")
        {
            throw new EntryConflictException(ConflictsOf(problem), problem);
        }
    }

    internal static IReadOnlyList<EntryConflict> ConflictsOf(PmApiException problem)
    {
        if (problem.Details is not { } details) return [];
        try
        {
            return details.ValueKind switch
            {
                JsonValueKind.Array => details.Deserialize<List<EntryConflict>>(SdkJson.Options) ?? [],
                JsonValueKind.Object when details.Deserialize<EntryState>(SdkJson.Options) is { } current => [new EntryConflict(current.EntryId, current)],
                _ => [],
            };
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private SavedEntry Saved(Guid vaultId, EntryWriteOutcome outcome, long keyEpoch, byte[]? ciphertext) =>
        new(vaultId, outcome.EntryId, outcome.Version, keyEpoch, outcome.Revision, outcome.Deleted, DateTimeOffset.UtcNow, keys.UserId, ciphertext);

    private sealed record VaultMetadata(string Name);

    private sealed class SyncState(bool full)
    {
        public bool Full { get; set; } = full;
        public int VaultsChanged { get; set; }
        public int Updated { get; set; }
        public int Deleted { get; set; }
        public HashSet<Guid> Seen { get; } = [];
        public HashSet<Guid> SeenVaults { get; } = [];
        public List<Guid> LostAccess { get; } = [];
        public List<SkippedVault> Skipped { get; } = [];
        public List<RollbackAttempt> Rollbacks { get; } = [];
        public List<RejectedEntry> Rejected { get; } = [];
    }
}
