using System.Security.Cryptography;
using System.Text.Json;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Vault.Contracts;
using PasswordManager.Client.Sdk.Vault.History;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// Entries read and written one by one or in batches: each encrypted for the version its write creates (the AAD binds
/// vault, entry, epoch and version), each read decrypted under the key of the epoch it claims.
/// </summary>
internal sealed class EntryOperations(VaultApi api, VaultKeyRing ring, VaultHistoryBook history)
{
    public const int FetchBatch = 256;

    public async Task<SavedEntry> AddEntryAsync(Guid vaultId, EntryData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var entryId = Guid.NewGuid();
        var key = await ring.KeyForAsync(vaultId, cancellationToken);
        var ciphertext = EntryCipher.Encrypt(key, entryId, 1, data.ToUtf8());
        var request = new UpsertEntryRequest(null, key.Epoch, ciphertext, EntryNameIndex.Compute(key, data.Name));
        var outcome = await WriteAsync(
            vaultId, key.Epoch, [new EntryChange(entryId, 1, Deleted: false, HistoryHashes.Ciphertext(ciphertext))],
            signed => api.UpsertEntryAsync(vaultId, entryId, request with { History = signed }, cancellationToken), cancellationToken);
        return Saved(vaultId, outcome, key.Epoch, ciphertext);
    }

    public async Task<IReadOnlyList<SavedEntry>> AddEntriesAsync(Guid vaultId, IReadOnlyList<EntryData> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var key = await ring.KeyForAsync(vaultId, cancellationToken);
        var writes = entries.Select(data =>
        {
            var entryId = Guid.NewGuid();
            return new EntryWriteItem(
                entryId, null, key.Epoch, EntryCipher.Encrypt(key, entryId, 1, data.ToUtf8()), Delete: false, EntryNameIndex.Compute(key, data.Name));
        }).ToList();
        var changes = writes.Select(w => (HistoryChange)new EntryChange(w.EntryId, 1, Deleted: false, HistoryHashes.Ciphertext(w.Ciphertext!))).ToList();
        var result = await history.WriteAsync(
            vaultId, _ => (key.Epoch, changes), signed => api.WriteEntriesAsync(vaultId, new WriteEntriesRequest(writes, signed), cancellationToken), cancellationToken);
        var sent = writes.ToDictionary(w => w.EntryId, w => w.Ciphertext);
        return [.. result.Items.Select(outcome => Saved(vaultId, outcome, key.Epoch, sent[outcome.EntryId]))];
    }

    public async Task<SavedEntry> UpdateEntryAsync(Guid vaultId, Guid entryId, long currentVersion, EntryData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var key = await ring.KeyForAsync(vaultId, cancellationToken);
        var ciphertext = EntryCipher.Encrypt(key, entryId, currentVersion + 1, data.ToUtf8());
        var request = new UpsertEntryRequest(currentVersion, key.Epoch, ciphertext, EntryNameIndex.Compute(key, data.Name));
        var outcome = await WriteAsync(
            vaultId, key.Epoch, [new EntryChange(entryId, currentVersion + 1, Deleted: false, HistoryHashes.Ciphertext(ciphertext))],
            signed => api.UpsertEntryAsync(vaultId, entryId, request with { History = signed }, cancellationToken), cancellationToken);
        return Saved(vaultId, outcome, key.Epoch, ciphertext);
    }

    public async Task<SavedEntry> DeleteEntryAsync(Guid vaultId, Guid entryId, long currentVersion, CancellationToken cancellationToken)
    {
        var epoch = ring.Known(vaultId)?.Access.KeyEpoch ?? 1;
        var outcome = await WriteAsync(
            vaultId, epoch, [EntryChange.Tombstone(entryId, currentVersion + 1)],
            signed => api.DeleteEntryAsync(vaultId, entryId, currentVersion, signed, cancellationToken), cancellationToken);
        return Saved(vaultId, outcome, epoch, null);
    }

    public async Task<DecryptedEntry> GetEntryAsync(Guid vaultId, Guid entryId, CancellationToken cancellationToken)
    {
        var details = await api.GetEntryAsync(vaultId, entryId, cancellationToken);
        if (details.Entry.Deleted || details.Ciphertext is null) throw new EntryDeletedException(vaultId, entryId, details.Entry.Version);
        var state = details.Entry;
        return await DecryptAsync(vaultId, entryId, state.Version, state.KeyEpoch, state.UpdatedAt, state.UpdatedBy, details.Ciphertext, cancellationToken);
    }

    public async Task<IReadOnlyList<DecryptedEntry>> ListEntriesAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        var states = await ListLiveAsync(api, vaultId, cancellationToken);
        var result = new List<DecryptedEntry>(states.Count);
        foreach (var chunk in states.Chunk(FetchBatch))
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

    /// <summary>The metadata of every live entry of the vault, page after page.</summary>
    internal static async Task<List<EntryState>> ListLiveAsync(VaultApi api, Guid vaultId, CancellationToken cancellationToken)
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

        return states;
    }

    public async Task<IReadOnlyList<EntryVersionSummary>> ListHistoryAsync(Guid vaultId, Guid entryId, CancellationToken cancellationToken) =>
        (await api.ListEntryVersionsAsync(vaultId, entryId, cancellationToken)).Items;

    public async Task<DecryptedEntry> GetVersionAsync(Guid vaultId, Guid entryId, long version, CancellationToken cancellationToken)
    {
        var details = await api.GetEntryVersionAsync(vaultId, entryId, version, cancellationToken);
        if (details.Version != version) throw new DecryptionFailedException($"The server answered version {details.Version} when asked for {version}.");
        return await DecryptAsync(vaultId, entryId, version, details.KeyEpoch, details.CreatedAt, details.CreatedBy, details.Ciphertext, cancellationToken);
    }

    public DecryptedEntry Decrypt(CachedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Deleted || entry.Ciphertext is null) throw new InvalidOperationException($"Entry {entry.EntryId} is deleted.");
        var key = ring.CachedKey(entry.VaultId, entry.KeyEpoch);
        return new DecryptedEntry(
            entry.VaultId, entry.EntryId, entry.Version, entry.UpdatedAt, entry.UpdatedBy, EntryData.Parse(EntryCipher.Decrypt(key, entry.EntryId, entry.Version, entry.Ciphertext)));
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

    private async Task<DecryptedEntry> DecryptAsync(
        Guid vaultId, Guid entryId, long version, long keyEpoch, DateTimeOffset updatedAt, Guid updatedBy, byte[] ciphertext, CancellationToken cancellationToken)
    {
        var key = await ring.KeyForAsync(vaultId, cancellationToken);
        if (key.Epoch != keyEpoch) key = ring.CachedKey(vaultId, keyEpoch);
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

    private async Task<EntryWriteOutcome> WriteAsync(
        Guid vaultId, long keyEpoch, IReadOnlyList<HistoryChange> changes, Func<string?, Task<EntryWriteOutcome>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await history.WriteAsync(vaultId, _ => (keyEpoch, changes), write, cancellationToken);
        }
        catch (PmApiException problem) when (problem.Code == ProblemCodes.StaleVersion)
        {
            throw new EntryConflictException(ConflictsOf(problem), problem);
        }
    }

    private SavedEntry Saved(Guid vaultId, EntryWriteOutcome outcome, long keyEpoch, byte[]? ciphertext) =>
        new(vaultId, outcome.EntryId, outcome.Version, keyEpoch, outcome.Revision, outcome.Deleted, DateTimeOffset.UtcNow, ring.Keys.UserId, ciphertext);
}
