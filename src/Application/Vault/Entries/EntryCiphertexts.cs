using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.Storage;

namespace PasswordManager.Application.Vault.Entries;

/// <summary>
/// Places entry ciphertexts (inline or blob) and keeps the blob store consistent with the metadata: a blob is
/// written and recorded as pending before its metadata commits, and a superseded blob is deleted only after
/// the commit that superseded it. One instance serves one request.
/// </summary>
public sealed class EntryCiphertexts(IVaultDbContext db, IBlobStore blobs, VaultPolicy policy, TimeProvider clock)
{
    private readonly List<BlobGarbage> pending = [];
    private readonly List<BlobGarbage> superseded = [];

    /// <summary>Stores a new version's ciphertext; call before taking the vault lock (blob I/O stays outside it).</summary>
    public async Task<StoredCiphertext> StoreAsync(Guid vaultId, Guid entryId, byte[] ciphertext, CancellationToken cancellationToken)
    {
        if (ciphertext.Length <= policy.InlineCiphertextMaxBytes) return StoredCiphertext.InRow(ciphertext);

        // A fresh key per write: two writers racing for the same version never share (and overwrite) a blob.
        var key = $"vaults/{vaultId:N}/entries/{entryId:N}/{Guid.CreateVersion7():N}";
        var marker = BlobGarbage.PendingWrite(key, clock.GetUtcNow(), policy.PendingBlobGrace);
        db.BlobGarbage.Add(marker);
        await db.SaveChangesAsync(cancellationToken);
        pending.Add(marker);

        using var content = new MemoryStream(ciphertext, writable: false);
        await blobs.PutAsync(key, content, cancellationToken);
        return StoredCiphertext.InBlob(ciphertext.Length, key);
    }

    /// <summary>The metadata now references the stored blobs: clear their pending markers in the same transaction.</summary>
    public void MarkReferenced()
    {
        db.BlobGarbage.RemoveRange(pending);
        pending.Clear();
    }

    /// <summary>Records that <paramref name="ciphertext"/> is no longer referenced once the transaction commits.</summary>
    public void Supersede(StoredCiphertext? ciphertext)
    {
        if (ciphertext?.BlobKey is not { } key) return;
        var garbage = BlobGarbage.Superseded(key, clock.GetUtcNow());
        db.BlobGarbage.Add(garbage);
        superseded.Add(garbage);
    }

    /// <summary>After a commit: deletes superseded blobs now (the collector retries whatever fails here).</summary>
    public async Task DeleteSupersededAsync(CancellationToken cancellationToken)
    {
        if (superseded.Count == 0) return;
        foreach (var garbage in superseded) await blobs.DeleteAsync(garbage.BlobKey, cancellationToken);
        db.BlobGarbage.RemoveRange(superseded);
        superseded.Clear();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The write did not commit: its blobs are garbage now rather than after the grace period.</summary>
    public async Task AbandonAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0) return;
        foreach (var garbage in pending) await blobs.DeleteAsync(garbage.BlobKey, cancellationToken);
        var keys = pending.Select(p => p.BlobKey).ToList();
        pending.Clear();
        await db.BlobGarbage.Where(g => keys.Contains(g.BlobKey)).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<byte[]> ReadAsync(StoredCiphertext ciphertext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (ciphertext.Inline is not null) return ciphertext.Inline;
        await using var stream = await blobs.OpenReadAsync(ciphertext.BlobKey!, cancellationToken)
            ?? throw new InvalidOperationException($"Blob {ciphertext.BlobKey} is referenced but missing.");
        var buffer = new byte[ciphertext.Size];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }
}
