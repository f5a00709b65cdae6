using System.Security.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.Attachments;

/// <summary>
/// A read-only stream of an attachment's plaintext, decrypted on the fly from its ciphertext stream. Opening it reads
/// and verifies the header only (file key, metadata); each read then authenticates a whole chunk before releasing any
/// byte of it. Tampering of any kind (a modified, dropped, duplicated, reordered or appended chunk, a truncated file, a
/// file of another vault, entry, attachment or key epoch) raises <see cref="DecryptionFailedException"/>, and so does
/// every read after it. Truncation at a chunk boundary is only detectable at the end, so treat the output as unverified
/// until a read returned 0 (end of stream) without throwing. Create it with <c>AttachmentCipher.OpenAsync</c>.
/// </summary>
public sealed class AttachmentDecryptingStream : Stream
{
    private readonly Stream ciphertext;
    private readonly bool leaveOpen;
    private readonly ChunkSealer sealer;
    private readonly byte[] cipherBuffer = new byte[AttachmentFormat.EncryptedChunkSize];
    private readonly byte[] plainBuffer = new byte[AttachmentFormat.ChunkSize];
    private readonly byte[] probe = new byte[1];
    private ReadOnlyMemory<byte> pending;
    private ulong nextIndex;
    private bool finished;
    private DecryptionFailedException? failure;
    private long position;
    private bool disposed;

    private AttachmentDecryptingStream(Stream ciphertext, bool leaveOpen, ChunkSealer sealer, AttachmentMetadata metadata, int headerLength)
    {
        this.ciphertext = ciphertext;
        this.leaveOpen = leaveOpen;
        this.sealer = sealer;
        Metadata = metadata;
        HeaderLength = headerLength;
    }

    public AttachmentMetadata Metadata { get; }

    /// <summary>With the ciphertext length the server reports, <see cref="AttachmentFormat.GetPlaintextLength"/> gives the file size.</summary>
    public int HeaderLength { get; }

    public override bool CanRead => !disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    internal static AttachmentDecryptingStream Open(Stream ciphertext, bool leaveOpen, VaultKey key, Guid entryId, Guid attachmentId)
    {
        var fixedPart = ReadHeaderPart(ciphertext, AttachmentFormat.FixedHeaderSize);
        var metadata = ReadHeaderPart(ciphertext, AttachmentHeader.ReadMetadataLength(fixedPart));
        return Create(ciphertext, leaveOpen, key, entryId, attachmentId, fixedPart, metadata);
    }

    internal static async Task<AttachmentDecryptingStream> OpenAsync(
        Stream ciphertext, bool leaveOpen, VaultKey key, Guid entryId, Guid attachmentId, CancellationToken cancellationToken)
    {
        var fixedPart = await ReadHeaderPartAsync(ciphertext, AttachmentFormat.FixedHeaderSize, cancellationToken);
        var metadata = await ReadHeaderPartAsync(ciphertext, AttachmentHeader.ReadMetadataLength(fixedPart), cancellationToken);
        return Create(ciphertext, leaveOpen, key, entryId, attachmentId, fixedPart, metadata);
    }

    private static AttachmentDecryptingStream Create(
        Stream ciphertext, bool leaveOpen, VaultKey key, Guid entryId, Guid attachmentId, byte[] fixedPart, byte[] metadataPart)
    {
        var header = new byte[fixedPart.Length + metadataPart.Length];
        fixedPart.CopyTo(header, 0);
        metadataPart.CopyTo(header, fixedPart.Length);
        var (fileKey, metadata) = AttachmentHeader.Open(key, entryId, attachmentId, header);
        var sealer = new ChunkSealer(fileKey, AttachmentHeader.NoncePrefix(header), attachmentId);
        return new AttachmentDecryptingStream(ciphertext, leaveOpen, sealer, metadata, header.Length);
    }

    private static byte[] ReadHeaderPart(Stream source, int length)
    {
        var part = new byte[length];
        if (ReadFull(source, part) != length) throw new CryptoFormatException("The attachment is shorter than its header.");
        return part;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (failure is not null) throw failure;
        if (buffer.IsEmpty) return 0;
        if (pending.IsEmpty && !finished)
        {
            var length = ReadFull(ciphertext, cipherBuffer);
            var trailing = length < cipherBuffer.Length && ReadFull(ciphertext, probe) > 0;
            OpenChunk(length, trailing);
        }

        return Serve(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (failure is not null) throw failure;
        if (buffer.IsEmpty) return 0;
        if (pending.IsEmpty && !finished)
        {
            var length = await ReadFullAsync(ciphertext, cipherBuffer, cancellationToken);
            var trailing = length < cipherBuffer.Length && await ReadFullAsync(ciphertext, probe, cancellationToken) > 0;
            OpenChunk(length, trailing);
        }

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
            if (!leaveOpen) ciphertext.Dispose();
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

    /// <summary>
    /// A full-size chunk is never the last one; anything shorter is the final chunk and must end the stream. Checked
    /// before any plaintext of the chunk is released, so nothing unauthenticated (or trailing) ever comes out.
    /// </summary>
    private void OpenChunk(int length, bool trailing)
    {
        var final = length < cipherBuffer.Length;
        if (length == 0) Fail($"The attachment is truncated: chunk {nextIndex} (and the final chunk) is missing.");
        if (length < EnvelopeFormat.TagSize) Fail($"The attachment is truncated inside chunk {nextIndex}.");
        if (trailing) Fail($"The attachment has data after its final chunk {nextIndex}.");
        if (!sealer.TryOpen(nextIndex, final, cipherBuffer.AsSpan(0, length), plainBuffer))
        {
            Fail($"Attachment chunk {nextIndex} failed authentication: it was modified, moved, dropped, duplicated, or the file was cut.");
        }

        nextIndex++;
        finished = final;
        pending = plainBuffer.AsMemory(0, length - EnvelopeFormat.TagSize);
    }

    private void Fail(string message)
    {
        failure = new DecryptionFailedException(message);
        throw failure;
    }

    private static async Task<byte[]> ReadHeaderPartAsync(Stream source, int length, CancellationToken cancellationToken)
    {
        var part = new byte[length];
        if (await ReadFullAsync(source, part, cancellationToken) != length) throw new CryptoFormatException("The attachment is shorter than its header.");
        return part;
    }

    private static int ReadFull(Stream source, Span<byte> buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = source.Read(buffer[filled..]);
            if (read == 0) break;
            filled += read;
        }

        return filled;
    }

    private static async ValueTask<int> ReadFullAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0) break;
            filled += read;
        }

        return filled;
    }
}
