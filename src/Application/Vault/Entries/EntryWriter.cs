using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Billing;
using System.Security.Cryptography;
using PasswordManager.Application.Vault.History;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.Exposure;
using PasswordManager.Domain.Vault.History;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Entries;

/// <summary>One write of a batch: a new ciphertext (with its name's blind index, if any), or a delete when <see cref="Ciphertext"/> is null.</summary>
public sealed record EntryWrite(Guid EntryId, long? ReplacesVersion, long KeyEpoch, byte[]? Ciphertext, string? NameIndex = null);

public sealed record EntryWriteOutcome(Guid EntryId, long Version, long Revision, bool Created, bool Deleted);


/// <summary>
/// Applies writes to one vault atomically: ciphertexts are placed first, then every write is checked and
/// applied under the vault's row lock in one transaction, each taking the next vault revision. If any write
/// conflicts, nothing is applied. The author knows what they wrote, so the access log counts each written
/// version as seen by them, in the same transaction, and the tenant's live-entry count changes in it too (within the
/// plan's limit: a batch that would pass it is refused whole).
/// </summary>
public sealed class EntryWriter(
    IVaultDbContext db, VaultWrites vaultWrites, EntryCiphertexts ciphertexts, AccessLog accessLog, ISender sender, VaultMetrics metrics, VaultPolicy policy,
    VaultHistory history, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<EntryWriteOutcome>>> ApplyAsync(
        Guid vaultId, UserId author, IReadOnlyList<EntryWrite> writes, CancellationToken cancellationToken, string? historyRecord = null)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var access = await db.RequireAsync(vaultId, author, Permission.Write, clock.GetUtcNow(), cancellationToken);
        if (access.IsFailure) return access.Error;
        var record = VaultHistory.Decode(historyRecord);
        if (record.IsFailure) return record.Error;

        var stored = new Dictionary<Guid, StoredCiphertext>();
        foreach (var write in writes)
            if (write.Ciphertext is not null)
                stored[write.EntryId] = await ciphertexts.StoreAsync(vaultId, write.EntryId, write.Ciphertext, cancellationToken);

        return await ApplyLockedAsync(vaultId, author, writes, stored, record.Value, cancellationToken);
    }

    private async Task<Result<IReadOnlyList<EntryWriteOutcome>>> ApplyLockedAsync(
        Guid vaultId, UserId author, IReadOnlyList<EntryWrite> writes, Dictionary<Guid, StoredCiphertext> stored, HistoryRecord? record,
        CancellationToken cancellationToken)
    {
        await using var vaultLock = await vaultWrites.LockAsync(vaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(vaultId);
        var vault = vaultLock.Vault;
        if (writes.Any(w => w.Ciphertext is not null && w.KeyEpoch != vault.KeyEpoch)) return new StaleKeyEpoch(vaultId, vault.KeyEpoch);

        var ids = writes.Select(w => w.EntryId).ToList();
        var existing = await db.Entries.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        // An id used in another vault answers "not found", so entry ids cannot be probed across vaults.
        if (existing.Values.FirstOrDefault(e => e.VaultId != vaultId) is { } foreign) return new EntryNotFound(foreign.Id);

        var conflicts = writes
            .Select(w => EntryConflict.Of(w.EntryId, existing.GetValueOrDefault(w.EntryId), w.ReplacesVersion, deletes: w.Ciphertext is null))
            .OfType<EntryConflict>().ToList();
        if (conflicts.Count != 0) return new EntryConflicts(conflicts);

        var now = clock.GetUtcNow();
        var outcomes = new List<EntryWriteOutcome>(writes.Count);
        var superseded = new List<(Entry Entry, EntryVersion Previous)>();
        var liveBefore = existing.Values.Count(e => !e.Deleted);
        foreach (var write in writes)
        {
            var revision = vault.NextRevision(now);
            if (!existing.TryGetValue(write.EntryId, out var entry))
            {
                entry = Entry.Create(write.EntryId, vaultId, write.KeyEpoch, stored[write.EntryId], write.NameIndex, author, revision, now);
                db.Entries.Add(entry);
                existing[entry.Id] = entry;
                outcomes.Add(new EntryWriteOutcome(entry.Id, entry.Version, revision, Created: true, Deleted: false));
                continue;
            }

            // Checked for the whole batch above; the entry enforces the same rule (a refusal here rolls the batch back).
            EntryVersion? previous;
            if (write.Ciphertext is null)
            {
                var deletion = entry.Delete(write.ReplacesVersion ?? 0, author, revision, now);
                if (deletion.IsFailure) return deletion.Error;
                previous = deletion.Value;
            }
            else
            {
                var replacement = entry.Replace(write.ReplacesVersion ?? 0, write.KeyEpoch, stored[write.EntryId], write.NameIndex, author, revision, now);
                if (replacement.IsFailure) return replacement.Error;
                previous = replacement.Value;
            }

            if (previous is not null) superseded.Add((entry, previous));
            outcomes.Add(new EntryWriteOutcome(entry.Id, entry.Version, revision, Created: false, entry.Deleted));
        }

        var liveDelta = existing.Values.Count(e => !e.Deleted) - liveBefore;
        var counted = await sender.Send(new ChangeUsageCommand(vault.TenantId.Value, new UsageDelta(Entries: liveDelta), vaultLock.Transaction), cancellationToken);
        if (counted.IsFailure) return counted.Error;

        var changes = outcomes.Select(o => o.Deleted
            ? EntryHistoryChange.Deletion(o.EntryId, o.Version)
            : new EntryHistoryChange(o.EntryId, o.Version, false, SHA256.HashData(writes.Last(w => w.EntryId == o.EntryId).Ciphertext!))).ToList();
        var chained = await history.AppendAsync(vault, author, record, changes, cancellationToken);
        if (chained.IsFailure) return chained.Error;

        await KeepHistoryAsync(vault.TenantId, superseded, cancellationToken);
        await accessLog.RecordWrittenAsync(
            author, [.. outcomes.Where(o => !o.Deleted).Select(o => new FetchedEntry(vaultId, o.EntryId, o.Version))], now, cancellationToken);
        await vaultLock.CommitAsync(cancellationToken);
        var deleted = outcomes.Count(o => o.Deleted);
        if (deleted > 0) metrics.Written(deleted, "delete");
        if (outcomes.Count > deleted) metrics.Written(outcomes.Count - deleted, "upsert");
        return outcomes;
    }

    /// <summary>
    /// Keeps each replaced version as history, up to the plan's history depth of previous versions per entry (and
    /// <see cref="VaultPolicy.HistoryDepth"/>): older ones, the one just replaced included when the depth is 0, are
    /// pruned with their blobs. The current version is never pruned and a write is never refused for history.
    /// </summary>
    private async Task KeepHistoryAsync(TenantId tenant, List<(Entry Entry, EntryVersion Previous)> superseded, CancellationToken cancellationToken)
    {
        if (superseded.Count == 0) return;
        var planDepth = await sender.Send(new GetEntitlementLimitQuery(tenant.Value, Entitlement.HistoryDepth), cancellationToken);
        var depth = (int)Math.Min(policy.HistoryDepth, planDepth ?? long.MaxValue);
        foreach (var (entry, previous) in superseded)
        {
            var cutoff = entry.Version - depth;
            if (previous.Version >= cutoff) db.EntryVersions.Add(previous);
            else if (previous.BlobKey is { } previousBlob) ciphertexts.Supersede(StoredCiphertext.InBlob(previous.CiphertextSize, previousBlob));
            if (cutoff <= 1) continue;

            var expired = db.EntryVersions.Where(v => v.EntryId == entry.Id && v.Version < cutoff);
            var blobKeys = await expired.Where(v => v.BlobKey != null).Select(v => new { v.CiphertextSize, v.BlobKey }).ToListAsync(cancellationToken);
            foreach (var blob in blobKeys) ciphertexts.Supersede(StoredCiphertext.InBlob(blob.CiphertextSize, blob.BlobKey!));
            await expired.ExecuteDeleteAsync(cancellationToken);
        }
    }
}
