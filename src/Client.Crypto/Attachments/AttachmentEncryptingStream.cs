using System.Security.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;

namespace PasswordManager.Client.Crypto.Attachments;

/// <summary>
/// A read-only stream of an attachment's ciphertext, produced on the fly from a plaintext stream: the header first,
/// then one chunk at a time. At most one chunk of plaintext and one of ciphertext are held (about 128 KiB), whatever
/// the file size. Hand it to an HTTP request body, or copy it to a file. Create it with <c>AttachmentCipher.Encrypt</c>.
/// </summary>
public sealed class AttachmentEncryptingStream : Stream
{
    private readonly Stream plaintext;
    private readonly bool leaveOpen;
    private readonly ChunkSealer sealer;
    private readonly byte[] header;
    private readonly byte[] plainBuffer = new byte[AttachmentFormat.ChunkSize];
    private readonly byte[] cipherBuffer = new byte[AttachmentFormat.EncryptedChunkSize];
    private ReadOnlyMemory<byte> pending;
    private ulong nextIndex;
    private bool finalWritten;
    private long position;
    private bool disposed;

    internal AttachmentEncryptingStream(Stream plaintext, bool leaveOpen, byte[] header, ChunkSealer sealer, Guid attachmentId, AttachmentMetadata metadata)
    {
        this.plaintext = plaintext;
        this.leaveOpen = leaveOpen;
        this.header = header;
        this.sealer = sealer;
        AttachmentId = attachmentId;
        Metadata = metadata;
        pending = header;
    }

    public Guid AttachmentId { get; }

    public AttachmentMetadata Metadata { get; }

    public int HeaderLength => header.Length;

    /// <summary>The total ciphertext length when the plaintext stream knows its remaining length (seekable), else null.</summary>
    public long? CiphertextLength =>
        plaintext.CanSeek && position == 0 ? AttachmentFormat.GetCiphertextLength(plaintext.Length - plaintext.Position, header.Length) : null;

    public override bool CanRead => !disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (buffer.IsEmpty) return 0;
        if (pending.IsEmpty && !finalWritten) SealChunk(FillFromSource(plainBuffer));
        return Serve(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (buffer.IsEmpty) return 0;
        if (pending.IsEmpty && !finalWritten) SealChunk(await FillFromSourceAsync(plainBuffer, cancellationToken));
        return Serve(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            sealer.Dispose();
            CryptographicOperations.ZeroMemory(plainBuffer);
            if (!leaveOpen) plaintext.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Serve(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, pending.Length);
        pending.Span[..count].CopyTo(buffer);
        pending = pending[count..];
        position += count;
        return count;
    }

    /// <summary>A full chunk is never the last one: a file whose length is a multiple of the chunk size ends with an empty final chunk.</summary>
    private void SealChunk(int length)
    {
        var final = length < AttachmentFormat.ChunkSize;
        sealer.Seal(nextIndex, final, plainBuffer.AsSpan(0, length), cipherBuffer);
        CryptographicOperations.ZeroMemory(plainBuffer.AsSpan(0, length));
        nextIndex++;
        finalWritten = final;
        pending = cipherBuffer.AsMemory(0, length + EnvelopeFormat.TagSize);
    }

    private int FillFromSource(Span<byte> buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = plaintext.Read(buffer[filled..]);
            if (read == 0) break;
            filled += read;
        }

        return filled;
    }

    private async ValueTask<int> FillFromSourceAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await plaintext.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0) break;
            filled += read;
        }

        return filled;
    }
}
