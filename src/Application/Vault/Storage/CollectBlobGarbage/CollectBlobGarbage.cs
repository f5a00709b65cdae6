using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Application.Vault.Storage.CollectBlobGarbage;

/// <summary>
/// Deletes blobs that no metadata references: writes that never committed (after their grace period) and
/// superseded blobs whose deletion after commit did not happen. Deleting a blob and its row are both
/// idempotent, so replicas running this at once need no lease.
/// </summary>
public sealed record CollectBlobGarbageCommand(int MaxBlobs) : ICommand<CollectBlobGarbageResult>;

public sealed record CollectBlobGarbageResult(int Deleted);

public sealed class CollectBlobGarbageCommandHandler(IVaultDbContext db, IBlobStore blobs, TimeProvider clock)
    : ICommandHandler<CollectBlobGarbageCommand, CollectBlobGarbageResult>
{
    public async ValueTask<CollectBlobGarbageResult> Handle(CollectBlobGarbageCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.BlobGarbage.AsNoTracking()
            .Where(g => g.NotBefore <= now)
            .OrderBy(g => g.NotBefore)
            .Take(command.MaxBlobs)
            .Select(g => g.BlobKey)
            .ToListAsync(cancellationToken);
        foreach (var key in due)
        {
            await blobs.DeleteAsync(key, cancellationToken);
            await db.BlobGarbage.Where(g => g.BlobKey == key).ExecuteDeleteAsync(cancellationToken);
        }

        return new CollectBlobGarbageResult(due.Count);
    }
}
