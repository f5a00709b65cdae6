using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Vault.Storage;

namespace PasswordManager.Application.Vault.Storage;

/// <summary>
/// Keeps the blob store consistent with the vault's metadata (ADR-0009): a blob is recorded as pending and written
/// before the metadata that references it commits, and a blob a commit supersedes is deleted only after that
/// commit. A crash anywhere leaves garbage rows for the collector, never metadata pointing to a missing blob.
/// Use cases do not drive it: <see cref="VaultWrite"/> (the vault lock as a unit of work) marks the written blobs
/// referenced in its transaction and deletes the superseded ones after it, and whatever is still pending when the
/// request ends is abandoned. One instance serves one request.
/// </summary>
public sealed class BlobWrites(IVaultDbContext db, IBlobStore blobs, VaultPolicy policy, TimeProvider clock) : IAsyncDisposable
{
    private readonly List<BlobGarbage> pending = [];
    private readonly List<BlobGarbage> superseded = [];

    /// <summary>
    /// Writes a new blob under a key never used before; call before taking the vault lock. A longer
    /// <paramref name="grace"/> keeps a staged blob (a re-key session's) from counting as garbage while it waits.
    /// </summary>
    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken, TimeSpan? grace = null)
    {
        var marker = BlobGarbage.PendingWrite(key, clock.GetUtcNow(), grace ?? policy.PendingBlobGrace);
        db.BlobGarbage.Add(marker);
        await db.SaveChangesAsync(cancellationToken);
        pending.Add(marker);
        try
        {
            await blobs.PutAsync(key, content, cancellationToken);
        }
        catch
        {
            await AbandonAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task DueNowIfPossibleAsync(IReadOnlyCollection<string> blobKeys)
    {
        try
        {
            await DiscardStagedAsync(blobKeys, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is failing too: the markers fall due after their grace period instead.
        }
    }

    /// <summary>Inside the transaction that starts referencing staged blobs: they are no longer garbage.</summary>
    public async Task AdoptStagedAsync(IReadOnlyCollection<string> blobKeys, CancellationToken cancellationToken)
    {
        if (blobKeys.Count == 0) return;
        await db.BlobGarbage.Where(g => blobKeys.Contains(g.BlobKey)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Staged blobs that will never be referenced: the collector deletes them at its next run.</summary>
    public async Task DiscardStagedAsync(IReadOnlyCollection<string> blobKeys, CancellationToken cancellationToken)
    {
        if (blobKeys.Count == 0) return;
        var now = clock.GetUtcNow();
        await db.BlobGarbage.Where(g => blobKeys.Contains(g.BlobKey)).ExecuteUpdateAsync(s => s.SetProperty(g => g.NotBefore, now), cancellationToken);
    }

    /// <summary>Records that <paramref name="blobKey"/> is no longer referenced once the transaction commits.</summary>
    public void Supersede(string blobKey)
    {
        var garbage = BlobGarbage.Superseded(blobKey, clock.GetUtcNow());
        db.BlobGarbage.Add(garbage);
        superseded.Add(garbage);
    }

    /// <summary>
    /// Saves a staging change (a re-key session's rows, committed without a vault lock): the written blobs keep their
    /// pending markers until the session's commit adopts them or its end discards them.
    /// </summary>
    public async Task SaveStagedAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        pending.Clear();
    }

    /// <summary>In the committing transaction: the metadata now references the written blobs.</summary>
    internal void MarkReferenced()
    {
        db.BlobGarbage.RemoveRange(pending);
        pending.Clear();
    }

    /// <summary>
    /// After a commit: deletes superseded blobs now. The write is already acknowledged, so a failing store does not
    /// fail the request: the committed garbage rows are due, and the collector retries them.
    /// </summary>
    internal async Task DeleteSupersededAsync(CancellationToken cancellationToken)
    {
        if (superseded.Count == 0) return;
        try
        {
            foreach (var garbage in superseded) await blobs.DeleteAsync(garbage.BlobKey, cancellationToken);
            db.BlobGarbage.RemoveRange(superseded);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left to the collector, as the summary says.
        }
        finally
        {
            superseded.Clear();
        }
    }

    /// <summary>
    /// The write did not commit: its blobs are garbage now rather than after the grace period. Called on a failure
    /// path, so it never throws over the original failure: when the store or the database is still down, the markers
    /// stay and the collector deletes the blobs once both are back (ADR-0030).
    /// </summary>
    internal async Task AbandonAsync(CancellationToken cancellationToken)
    {
        superseded.Clear();
        if (pending.Count == 0) return;
        var keys = pending.Select(p => p.BlobKey).ToList();
        pending.Clear();
        try
        {
            foreach (var key in keys) await blobs.DeleteAsync(key, cancellationToken);
            await db.BlobGarbage.Where(g => keys.Contains(g.BlobKey)).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await DueNowIfPossibleAsync(keys);
        }
    }

    /// <summary>The request ends: blobs written but neither referenced nor staged (a refused or failed write) go now.</summary>
    public async ValueTask DisposeAsync()
    {
        if (pending.Count == 0) return;
        var keys = pending.Select(p => p.BlobKey).ToList();
        pending.Clear();
        try
        {
            foreach (var key in keys) await blobs.DeleteAsync(key, CancellationToken.None);
            await db.BlobGarbage.Where(g => keys.Contains(g.BlobKey)).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await DueNowIfPossibleAsync(keys);
        }
    }
}
