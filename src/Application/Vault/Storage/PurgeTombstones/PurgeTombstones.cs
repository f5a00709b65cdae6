using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Domain.Vault.Entries;

namespace PasswordManager.Application.Vault.Storage.PurgeTombstones;

/// <summary>
/// Deletes tombstones (and the kept versions of those entries) older than the retention. The vault remembers
/// the newest purged revision: a sync cursor older than that could miss a deletion, so it must resync fully.
/// </summary>
public sealed record PurgeTombstonesCommand(int MaxVaults) : ICommand<PurgeTombstonesResult>;

public sealed record PurgeTombstonesResult(int Vaults, int Tombstones);

public sealed class PurgeTombstonesCommandHandler(IVaultDbContext db, EntryCiphertexts ciphertexts, VaultPolicy policy, TimeProvider clock)
    : ICommandHandler<PurgeTombstonesCommand, PurgeTombstonesResult>
{
    public async ValueTask<PurgeTombstonesResult> Handle(PurgeTombstonesCommand command, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - policy.TombstoneRetention;
        var vaultIds = await db.Entries.AsNoTracking()
            .Where(e => e.Deleted && e.UpdatedAt <= cutoff)
            .Select(e => e.VaultId).Distinct().Take(command.MaxVaults)
            .ToListAsync(cancellationToken);
        var purged = 0;
        foreach (var vaultId in vaultIds)
        {
            await using var vaultLock = await db.LockVaultAsync(vaultId, cancellationToken);
            if (vaultLock is null) continue;
            var expired = db.Entries.Where(e => e.VaultId == vaultId && e.Deleted && e.UpdatedAt <= cutoff);
            var ids = await expired.Select(e => e.Id).ToListAsync(cancellationToken);
            if (ids.Count == 0) continue;

            var throughRevision = await expired.MaxAsync(e => e.Revision, cancellationToken);
            var blobs = await db.EntryVersions.Where(v => ids.Contains(v.EntryId) && v.BlobKey != null)
                .Select(v => new { v.CiphertextSize, v.BlobKey }).ToListAsync(cancellationToken);
            foreach (var blob in blobs) ciphertexts.Supersede(StoredCiphertext.InBlob(blob.CiphertextSize, blob.BlobKey!));
            await db.EntryVersions.Where(v => ids.Contains(v.EntryId)).ExecuteDeleteAsync(cancellationToken);
            await expired.ExecuteDeleteAsync(cancellationToken);
            vaultLock.Vault.MarkPurged(throughRevision);
            await vaultLock.CommitAsync(cancellationToken);
            await ciphertexts.DeleteSupersededAsync(cancellationToken);
            purged += ids.Count;
        }

        return new PurgeTombstonesResult(vaultIds.Count, purged);
    }
}
