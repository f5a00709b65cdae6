using System.Text.Json;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Sdk.Vault.Contracts;
using PasswordManager.Client.Sdk.Vault.History;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// Brings a local cache up to date from the server (incremental sync, the vault list, a name-index lookup), every answer
/// checked by <see cref="CacheUpdate"/> before it is kept.
/// </summary>
internal sealed class VaultSync(VaultApi api, VaultKeyRing ring, VaultCatalog catalog, EntryOperations entries, VaultHistoryBook history)
{
    private readonly CacheUpdate update = new(ring);

    public async Task<VaultListing> LoadVaultsAsync(LocalVaultCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        history.Attach(cache);
        var list = await api.ListVaultsAsync(cancellationToken);
        await ring.VerifyGrantersAsync(list.Items, cancellationToken);
        var state = new SyncState(full: false);
        update.ApplyVaults(cache, state, new SyncChangesResult(cache.Cursor ?? "", false, list.Items, [], []));
        var listing = catalog.Describe(cache.Vaults.Values.Where(v => state.SeenVaults.Contains(v.VaultId)));
        return listing with { Skipped = [.. listing.Skipped, .. state.Skipped.Where(s => listing.Skipped.All(l => l.VaultId != s.VaultId))] };
    }

    public async Task<NameLookup> FindByNameAsync(LocalVaultCache cache, Guid vaultId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(name);
        history.Attach(cache);
        var key = await ring.KeyForAsync(vaultId, cancellationToken);
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

                update.Apply(cache, state, item.State, item.Ciphertext);
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
            return EntryNameIndex.Normalize(entries.Decrypt(entry).Data.Name);
        }
        catch (Exception exception) when (exception is CryptoException or VaultLockedException or JsonException)
        {
            return null;
        }
    }

    public async Task<SyncReport> SyncAsync(
        LocalVaultCache cache, IProgress<SyncProgress>? progress, int? pageLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        history.Attach(cache);
        history.Resync = ct => SyncAsync(cache, progress: null, pageLimit, ct);
        // A vault whose history failed is checked again from a full sync, not from whatever an incremental one happens to carry.
        if (cache.HistoryRejected.Count > 0) cache.Cursor = null;
        var state = new SyncState(cache.Cursor is null);
        var served = new Dictionary<Guid, (List<HistoryRecordItem> Records, HistoryHeadItem? Head)>();
        // A vault refused already is checked here (its served chain against the held head), not refused by the server again for every vault.
        var heads = VaultHistoryBook.FormatHeads(history.Heads().Where(h => !cache.HistoryRejected.ContainsKey(h.VaultId)));
        foreach (var summary in cache.Vaults.Values) ring.Remember(summary);
        await ring.VerifyGrantersAsync(cache.Vaults.Values, cancellationToken);
        var cursor = cache.Cursor;
        var pages = 0;
        var received = 0;
        var requested = cursor;
        var pending = api.SyncAsync(requested, pageLimit, heads, cancellationToken);
        try
        {
            while (true)
            {
                SyncChangesResult page;
                try
                {
                    page = await pending;
                }
                catch (PmApiException problem) when (problem.Code == ProblemCodes.HistoryFork)
                {
                    if (ForkedVaultId(problem) is { } forked) cache.HistoryRejected[forked] = $"Vault {forked}: the server's chain does not contain the head this device verified (a forked or rolled-back history).";
                    throw new HistoryVerificationException(
                        HistoryRejection.Fork, null, $"{ForkedVault(problem)}: the server's chain does not contain the head this device verified (a forked or rolled-back history).");
                }
                catch (PmApiException problem) when (problem.Code == ProblemCodes.ResyncRequired && requested is not null)
                {
                    // The cursor is older than the kept tombstones: start over, still comparing against what we hold.
                    (requested, state.Full) = (null, true);
                    pending = api.SyncAsync(requested, pageLimit, heads, cancellationToken);
                    continue;
                }

                // The next page is requested before this one is processed, so the server works while we verify.
                requested = page.Cursor;
                pending = page.HasMore ? api.SyncAsync(requested, pageLimit, heads, cancellationToken) : Task.FromResult(page);
                pages++;
                await ring.VerifyGrantersAsync(page.Vaults, cancellationToken);
                update.ApplyVaults(cache, state, page);
                var changes = await CompleteAsync(page.Entries, cancellationToken);
                foreach (var vault in page.History ?? [])
                {
                    var held = served.TryGetValue(vault.VaultId, out var found) ? found : ([], null);
                    held.Records.AddRange(vault.Records ?? []);
                    served[vault.VaultId] = (held.Records, vault.Head ?? held.Head);
                }

                foreach (var (entry, ciphertext) in changes)
                {
                    update.Apply(cache, state, entry, ciphertext);
                    // Hashed now, while the next page downloads, for the comparison with the vault's history after the sync.
                    if (ciphertext is not null && (served.ContainsKey(entry.VaultId) || history.Find(entry.VaultId) is not null)) CiphertextHashes.Of(ciphertext);
                }

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
                ring.Forget(vault);
            }
        }

        var unverified = await VerifyHistoryAsync(cache, state, served, cancellationToken);
        cache.Cursor = cursor;
        cache.LastSyncedAt = DateTimeOffset.UtcNow;
        return new SyncReport(
            pages, state.Full, state.VaultsChanged, state.Updated, state.Deleted, state.LostAccess, state.Skipped, state.Rollbacks, state.Rejected, unverified);
    }

    /// <summary>
    /// Verifies the history of every vault the sync touched (all of them after a full sync), then compares the held
    /// entries with it. Every vault is checked before the first failure is raised; failed vaults are remembered in the cache.
    /// </summary>
    /// <returns>The vaults without any signed history (unverified).</returns>
    private async Task<IReadOnlyList<Guid>> VerifyHistoryAsync(
        LocalVaultCache cache, SyncState state, Dictionary<Guid, (List<HistoryRecordItem> Records, HistoryHeadItem? Head)> served, CancellationToken cancellationToken)
    {
        if (history.MeasuringWithout) return [.. cache.Vaults.Keys.Order()];
        var touched = cache.Entries.Values.Where(e => state.Seen.Contains(e.EntryId)).Select(e => e.VaultId).ToHashSet();
        var failures = new List<HistoryVerificationException>();
        foreach (var vaultId in cache.Vaults.Keys.Order())
        {
            var expecting = history.State(vaultId)?.ExpectedHeads.Count > 0;
            var check = state.Full || expecting || served.ContainsKey(vaultId) || touched.Contains(vaultId) || cache.HistoryRejected.ContainsKey(vaultId);
            if (!check) continue;
            try
            {
                var (records, head) = served.GetValueOrDefault(vaultId, ([], null));
                if (!served.ContainsKey(vaultId) && expecting)
                {
                    // A head another member reported must be reached: ask for the vault's head even when this sync carried nothing of it.
                    var page = await history.Api.ListAsync(vaultId, after: null, 1, cancellationToken);
                    (records, head) = ([], page.Head);
                }

                await history.VerifyAsync(vaultId, records, head, cancellationToken);
                history.Compare(cache, vaultId);
                cache.HistoryRejected.Remove(vaultId);
                await history.CheckpointIfDueAsync(vaultId, cancellationToken);
            }
            catch (HistoryVerificationException rejected)
            {
                cache.HistoryRejected[vaultId] = rejected.Message;
                failures.Add(rejected);
            }
        }

        if (failures.Count == 1) throw failures[0];
        if (failures.Count > 1)
            throw new HistoryVerificationException(failures[0].Reason, failures[0].Seq, string.Join(" ", failures.Select(f => f.Message)));
        return [.. cache.Vaults.Keys.Where(v => history.Find(v) is null).Order()];
    }

    private static string ForkedVault(PmApiException problem) => ForkedVaultId(problem) is { } vaultId ? $"Vault {vaultId}" : "A vault";

    private static Guid? ForkedVaultId(PmApiException problem) => problem.DetailGuid("vaultId");

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
            foreach (var chunk in group.Chunk(EntryOperations.FetchBatch))
            {
                var fetched = await api.FetchEntriesAsync(group.Key, new FetchEntriesRequest([.. chunk.Select(e => e.EntryId)]), cancellationToken);
                // The fetch answers the current state, which may be newer than the page's: it is checked the same way.
                result.AddRange(fetched.Items.Select(i => (i.Entry, i.Ciphertext)));
            }
        }

        return result;
    }
}
