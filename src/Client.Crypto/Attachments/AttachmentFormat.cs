using PasswordManager.Client.Crypto.Envelopes;

namespace PasswordManager.Client.Crypto.Attachments;

/// <summary>
/// Sizes of the streamed attachment format (docs/crypto-format.md §18):
/// <c>0x01 | 0x03 | noncePrefix(16) | sealedFileKey(74) | u32be(m) | encryptedMetadata(m) | chunk…</c>, where every
/// chunk but the last carries exactly <see cref="ChunkSize"/> plaintext bytes and the last carries fewer (possibly none).
/// </summary>
public static class AttachmentFormat
{
    /// <summary>Algorithm byte: XChaCha20-Poly1305 in 64 KiB chunks under a per-file key sealed by the vault key.</summary>
    public const byte AlgorithmChunkedXChaCha20Poly1305 = 0x03;

    public const int ChunkSize = 64 * 1024;

    /// <summary>A full chunk on the wire: its plaintext plus the 16-byte tag.</summary>
    public const int EncryptedChunkSize = ChunkSize + EnvelopeFormat.TagSize;

    public const int NoncePrefixSize = 16;

    /// <summary>Symmetric envelope of the 32-byte file key under the vault key = 74 bytes.</summary>
    public const int SealedFileKeySize = EnvelopeFormat.KeySize + EnvelopeFormat.SymmetricOverhead;

    /// <summary>Header bytes before the encrypted metadata: 2 + 16 + 74 + 4 = 96.</summary>
    public const int FixedHeaderSize = EnvelopeFormat.HeaderSize + NoncePrefixSize + SealedFileKeySize + sizeof(uint);

    /// <summary>Metadata plaintext is padded with spaces to a multiple of this, so the name's exact length does not show.</summary>
    public const int MetadataPadding = 128;

    public const int MaxMetadataPlaintext = 4096;

    /// <summary>The longest possible header (96 + 4096 + 42 = 4234): fetching this many bytes always yields the metadata.</summary>
    public const int MaxHeaderSize = FixedHeaderSize + MaxMetadataPlaintext + EnvelopeFormat.SymmetricOverhead;

    /// <summary>Ciphertext length of <paramref name="plaintextLength"/> bytes behind a header of <paramref name="headerLength"/> bytes.</summary>
    public static long GetCiphertextLength(long plaintextLength, int headerLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        return checked(headerLength + plaintextLength + (EnvelopeFormat.TagSize * ((plaintextLength / ChunkSize) + 1)));
    }

    /// <summary>Plaintext length of a well-formed attachment of <paramref name="ciphertextLength"/> bytes; null if no plaintext length gives it.</summary>
    public static long? GetPlaintextLength(long ciphertextLength, int headerLength)
    {
        var body = ciphertextLength - headerLength - EnvelopeFormat.TagSize;
        if (body < 0) return null;
        var fullChunks = body / EncryptedChunkSize;
        var rest = body % EncryptedChunkSize;
        return rest < ChunkSize ? (fullChunks * ChunkSize) + rest : null;
    }
}
