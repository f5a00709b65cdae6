using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Attachments;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Domain.Vault.Entries;

namespace PasswordManager.Application.Vault.Storage.PurgeTombstones;

/// <summary>
/// Deletes entry and attachment tombstones older than the retention, with the kept versions and the attachments
/// of the purged entries (a deleted entry keeps its attachments until then, so restoring it restores them).
/// The vault remembers the newest purged revision: a sync cursor older than that could miss a deletion, so it
/// must resync fully.
/// </summary>
public sealed record PurgeTombstonesCommand(int MaxVaults) : ICommand<PurgeTombstonesResult>;

public sealed record PurgeTombstonesResult(int Vaults, int Tombstones, int Attachments);

public sealed class PurgeTombstonesCommandHandler(
    IVaultDbContext db, VaultWrites vaultWrites, EntryCiphertexts ciphertexts, AttachmentBlobs attachmentBlobs, VaultPolicy policy, TimeProvider clock)
    : ICommandHandler<PurgeTombstonesCommand, PurgeTombstonesResult>
{
    public async ValueTask<PurgeTombstonesResult> Handle(PurgeTombstonesCommand command, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - policy.TombstoneRetention;
        var vaultIds = await db.Entries.AsNoTracking()
            .Where(e => e.Deleted && e.UpdatedAt <= cutoff).Select(e => e.VaultId)
            .Union(db.Attachments.AsNoTracking().Where(a => a.Deleted && a.UpdatedAt <= cutoff).Select(a => a.VaultId))
            .OrderBy(id => id)
            .Take(command.MaxVaults)
            .ToListAsync(cancellationToken);
        var (entries, attachments) = (0, 0);
        foreach (var vaultId in vaultIds)
        {
            await using var vaultLock = await vaultWrites.LockAsync(vaultId, cancellationToken);
            if (vaultLock is null) continue;
            var expired = db.Entries.Where(e => e.VaultId == vaultId && e.Deleted && e.UpdatedAt <= cutoff);
            var ids = await expired.Select(e => e.Id).ToListAsync(cancellationToken);
            var purgedAttachments = db.Attachments.Where(a =>
                a.VaultId == vaultId && (ids.Contains(a.EntryId) || (a.Deleted && a.UpdatedAt <= cutoff)));
            var attachmentRows = await purgedAttachments.Select(a => new { a.Revision, a.Deleted, a.BlobKey }).ToListAsync(cancellationToken);
            if (ids.Count == 0 && attachmentRows.Count == 0) continue;

            var throughRevision = Math.Max(
                ids.Count == 0 ? 0 : await expired.MaxAsync(e => e.Revision, cancellationToken),
                attachmentRows.Where(a => a.Deleted).Select(a => a.Revision).DefaultIfEmpty(0).Max());
            var blobs = await db.EntryVersions.Where(v => ids.Contains(v.EntryId) && v.BlobKey != null)
                .Select(v => new { v.CiphertextSize, v.BlobKey }).ToListAsync(cancellationToken);
            foreach (var blob in blobs) ciphertexts.Supersede(StoredCiphertext.InBlob(blob.CiphertextSize, blob.BlobKey!));
            foreach (var attachment in attachmentRows.Where(a => a.BlobKey is not null)) attachmentBlobs.Supersede(attachment.BlobKey!);
            await purgedAttachments.ExecuteDeleteAsync(cancellationToken);
            await db.EntryVersions.Where(v => ids.Contains(v.EntryId)).ExecuteDeleteAsync(cancellationToken);
            await expired.ExecuteDeleteAsync(cancellationToken);
            vaultLock.Vault.MarkPurged(throughRevision);
            await vaultLock.CommitAsync(cancellationToken);
            (entries, attachments) = (entries + ids.Count, attachments + attachmentRows.Count);
        }

        return new PurgeTombstonesResult(vaultIds.Count, entries, attachments);
    }
}
