using System.Buffers.Binary;
using System.Security.Cryptography;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.Attachments;

/// <summary>
/// <c>0x01 | 0x03 | noncePrefix(16) | sealedFileKey(74) | u32be(m) | encryptedMetadata(m)</c>. The file key is sealed under
/// the vault key with AAD <c>pm/v1/attachment-key|vaultId|entryId|attachmentId|keyEpoch</c>, the metadata under the file
/// key with AAD <c>pm/v1/attachment-metadata|vaultId|entryId|attachmentId</c>.
/// </summary>
internal static class AttachmentHeader
{
    private const int noncePrefixOffset = EnvelopeFormat.HeaderSize;
    private const int sealedKeyOffset = noncePrefixOffset + AttachmentFormat.NoncePrefixSize;
    private const int metadataLengthOffset = sealedKeyOffset + AttachmentFormat.SealedFileKeySize;

    /// <summary>Builds the header and the file key it seals (the caller disposes the key).</summary>
    public static (byte[] Header, Key FileKey) Create(VaultKey vaultKey, Guid entryId, Guid attachmentId, AttachmentMetadata metadata)
    {
        using var fileKey = new SecretBuffer(EnvelopeFormat.KeySize);
        RandomNumberGenerator.Fill(fileKey.Span);
        Span<byte> nonces = stackalloc byte[AttachmentFormat.NoncePrefixSize + (2 * EnvelopeFormat.NonceSize)];
        RandomNumberGenerator.Fill(nonces);
        return Create(
            vaultKey, entryId, attachmentId, metadata, fileKey.Span,
            nonces[..AttachmentFormat.NoncePrefixSize],
            nonces.Slice(AttachmentFormat.NoncePrefixSize, EnvelopeFormat.NonceSize),
            nonces[(AttachmentFormat.NoncePrefixSize + EnvelopeFormat.NonceSize)..]);
    }

    /// <summary>Deterministic overload for known-answer tests.</summary>
    public static (byte[] Header, Key FileKey) Create(
        VaultKey vaultKey,
        Guid entryId,
        Guid attachmentId,
        AttachmentMetadata metadata,
        ReadOnlySpan<byte> rawFileKey,
        ReadOnlySpan<byte> noncePrefix,
        ReadOnlySpan<byte> keyNonce,
        ReadOnlySpan<byte> metadataNonce)
    {
        ArgumentNullException.ThrowIfNull(vaultKey);
        ArgumentNullException.ThrowIfNull(metadata);
        var fileKey = Aead.ImportKey(rawFileKey, exportable: false);
        try
        {
            var sealedKey = SymmetricEnvelope.Seal(
                vaultKey.Key, rawFileKey, AssociatedData.AttachmentKey(vaultKey.VaultId, entryId, attachmentId, vaultKey.Epoch), keyNonce);
            var metadataPlaintext = metadata.ToPaddedUtf8();
            var encryptedMetadata = SymmetricEnvelope.Seal(
                fileKey, metadataPlaintext, AssociatedData.AttachmentMetadata(vaultKey.VaultId, entryId, attachmentId), metadataNonce);

            var header = new byte[AttachmentFormat.FixedHeaderSize + encryptedMetadata.Length];
            header[0] = EnvelopeFormat.Version1;
            header[1] = AttachmentFormat.AlgorithmChunkedXChaCha20Poly1305;
            noncePrefix.CopyTo(header.AsSpan(noncePrefixOffset, AttachmentFormat.NoncePrefixSize));
            sealedKey.CopyTo(header, sealedKeyOffset);
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(metadataLengthOffset), (uint)encryptedMetadata.Length);
            encryptedMetadata.CopyTo(header, AttachmentFormat.FixedHeaderSize);
            return (header, fileKey);
        }
        catch
        {
            fileKey.Dispose();
            throw;
        }
    }

    /// <summary>Checks the fixed part (version, algorithm, metadata length) and returns the metadata envelope's length.</summary>
    public static int ReadMetadataLength(ReadOnlySpan<byte> fixedPart)
    {
        if (fixedPart[0] != EnvelopeFormat.Version1)
            throw new CryptoFormatException($"Unsupported attachment format version 0x{fixedPart[0]:x2}.");
        if (fixedPart[1] != AttachmentFormat.AlgorithmChunkedXChaCha20Poly1305)
            throw new CryptoFormatException($"Unexpected attachment algorithm 0x{fixedPart[1]:x2}; expected 0x{AttachmentFormat.AlgorithmChunkedXChaCha20Poly1305:x2}.");
        var length = BinaryPrimitives.ReadUInt32BigEndian(fixedPart[metadataLengthOffset..]);
        if (length is <= EnvelopeFormat.SymmetricOverhead or > AttachmentFormat.MaxMetadataPlaintext + EnvelopeFormat.SymmetricOverhead)
            throw new CryptoFormatException($"The attachment metadata length {length} is outside 43..{AttachmentFormat.MaxMetadataPlaintext + EnvelopeFormat.SymmetricOverhead}.");
        return (int)length;
    }

    /// <summary>Opens the file key (wrong vault, entry, attachment or epoch fails here) and the metadata.</summary>
    public static (Key FileKey, AttachmentMetadata Metadata) Open(VaultKey vaultKey, Guid entryId, Guid attachmentId, ReadOnlySpan<byte> header)
    {
        ArgumentNullException.ThrowIfNull(vaultKey);
        var fileKey = OpenFileKey(vaultKey, entryId, attachmentId, header);
        try
        {
            var plaintext = SymmetricEnvelope.Open(
                fileKey, header[AttachmentFormat.FixedHeaderSize..], AssociatedData.AttachmentMetadata(vaultKey.VaultId, entryId, attachmentId));
            return (fileKey, AttachmentMetadata.Parse(plaintext));
        }
        catch
        {
            fileKey.Dispose();
            throw;
        }
    }

    public static ReadOnlySpan<byte> NoncePrefix(ReadOnlySpan<byte> header) => header.Slice(noncePrefixOffset, AttachmentFormat.NoncePrefixSize);

    private static Key OpenFileKey(VaultKey vaultKey, Guid entryId, Guid attachmentId, ReadOnlySpan<byte> header)
    {
        using var raw = new SecretBuffer(EnvelopeFormat.KeySize);
        try
        {
            SymmetricEnvelope.Open(
                vaultKey.Key,
                header.Slice(sealedKeyOffset, AttachmentFormat.SealedFileKeySize),
                AssociatedData.AttachmentKey(vaultKey.VaultId, entryId, attachmentId, vaultKey.Epoch),
                raw.Span);
        }
        catch (DecryptionFailedException exception)
        {
            throw new DecryptionFailedException(
                "The attachment's file key could not be opened: wrong vault key, or the file belongs to another vault, entry, attachment or key epoch.",
                exception);
        }

        return Aead.ImportKey(raw.Span, exportable: false);
    }
}
