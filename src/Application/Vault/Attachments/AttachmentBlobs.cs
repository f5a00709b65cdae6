using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Storage;

namespace PasswordManager.Application.Vault.Attachments;

/// <summary>An attachment body in the blob store: its immutable key and its length.</summary>
public sealed record StoredAttachment(string BlobKey, long Size);

/// <summary>
/// Streams attachment bodies into the blob store under the rules <see cref="Entries.EntryCiphertexts"/> keeps
/// for entry ciphertexts: a blob is recorded as pending and written before its metadata commits, and a
/// superseded blob is deleted only after the commit that superseded it. The body is copied chunk by chunk,
/// counted and capped on the way, and never held in memory. One instance serves one request.
/// </summary>
public sealed class AttachmentBlobs(IVaultDbContext db, IBlobStore blobs, VaultPolicy policy, TimeProvider clock)
{
    private readonly List<BlobGarbage> pending = [];
    private readonly List<BlobGarbage> superseded = [];

    /// <summary>Stores a body; call before taking the vault lock. Nothing is left behind when it fails.</summary>
    public async Task<Result<StoredAttachment>> StoreAsync(Guid vaultId, Guid attachmentId, Stream content, CancellationToken cancellationToken)
    {
        // A fresh key per write: two racing uploads of one attachment id never share (and overwrite) a blob.
        var key = $"vaults/{vaultId:N}/attachments/{attachmentId:N}/{Guid.CreateVersion7():N}";
        var marker = BlobGarbage.PendingWrite(key, clock.GetUtcNow(), policy.PendingBlobGrace);
        db.BlobGarbage.Add(marker);
        await db.SaveChangesAsync(cancellationToken);
        pending.Add(marker);

        var body = new CountingStream(content, policy.MaxAttachmentBytes);
        try
        {
            await blobs.PutAsync(key, body, cancellationToken);
        }
        catch (InvalidDataException) when (body.LimitExceeded)
        {
            await AbandonAsync(CancellationToken.None);
            return new AttachmentTooLarge(policy.MaxAttachmentBytes);
        }
        catch
        {
            await AbandonAsync(CancellationToken.None);
            throw;
        }

        if (body.Count > 0) return new StoredAttachment(key, body.Count);
        await AbandonAsync(CancellationToken.None);
        return new AttachmentEmpty();
    }

    /// <summary>The metadata now references the stored blobs: clear their pending markers in the same transaction.</summary>
    public void MarkReferenced()
    {
        db.BlobGarbage.RemoveRange(pending);
        pending.Clear();
    }

    /// <summary>Records that <paramref name="blobKey"/> is no longer referenced once the transaction commits.</summary>
    public void Supersede(string blobKey)
    {
        var garbage = BlobGarbage.Superseded(blobKey, clock.GetUtcNow());
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

    /// <summary>A read-only pass-through that counts the bytes and fails once they exceed the limit.</summary>
    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        public long Count { get; private set; }

        public bool LimitExceeded => Count > limit;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            Count += read;
            if (LimitExceeded) throw new InvalidDataException($"The attachment is larger than {limit} bytes.");
            return read;
        }
    }
}
