using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Application.Vault.Storage;

namespace PasswordManager.Application.Vault.Attachments;

/// <summary>An attachment body in the blob store: its immutable key and its length.</summary>
public sealed record StoredAttachment(string BlobKey, long Size);

/// <summary>
/// Streams attachment bodies into the blob store through <see cref="BlobWrites"/> (written before the metadata
/// commits, superseded ones deleted after it). The body is copied chunk by chunk, counted and capped on the way,
/// and never held in memory. One instance serves one request.
/// </summary>
public sealed class AttachmentBlobs(BlobWrites writes, VaultPolicy policy)
{
    /// <summary>Stores a body; call before taking the vault lock. Nothing is left behind when it fails.</summary>
    public async Task<Result<StoredAttachment>> StoreAsync(
        Guid vaultId, Guid attachmentId, Stream content, CancellationToken cancellationToken, TimeSpan? grace = null)
    {
        // A fresh key per write: two racing uploads of one attachment id never share (and overwrite) a blob.
        var key = $"vaults/{vaultId:N}/attachments/{attachmentId:N}/{Guid.CreateVersion7():N}";
        var body = new CountingStream(content, policy.MaxAttachmentBytes);
        try
        {
            await writes.PutAsync(key, body, cancellationToken, grace);
        }
        catch (InvalidDataException) when (body.LimitExceeded)
        {
            return new AttachmentTooLarge(policy.MaxAttachmentBytes);
        }

        if (body.Count > 0) return new StoredAttachment(key, body.Count);
        await writes.AbandonAsync(CancellationToken.None);
        return new AttachmentEmpty();
    }

    public void Supersede(string blobKey) => writes.Supersede(blobKey);

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
