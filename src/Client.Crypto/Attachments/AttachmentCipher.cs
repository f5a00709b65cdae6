using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.Attachments;

/// <summary>
/// Streamed encryption of attachments (docs/crypto-format.md §18). Each file gets a fresh random 256-bit file key, sealed
/// in the header under the vault key and bound to (vault, entry, attachment, key epoch); the content follows in 64 KiB
/// XChaCha20-Poly1305 chunks whose nonce and AAD carry the chunk index and a final-chunk flag. Neither direction ever holds
/// more than one chunk of the file.
/// </summary>
public static class AttachmentCipher
{
    /// <summary>
    /// A stream whose reads yield the ciphertext of <paramref name="plaintext"/> (read once, front to back) for the
    /// attachment <paramref name="attachmentId"/> of <paramref name="entryId"/> in the key's vault and epoch.
    /// </summary>
    public static AttachmentEncryptingStream Encrypt(
        VaultKey key, Guid entryId, Guid attachmentId, AttachmentMetadata metadata, Stream plaintext, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var (header, fileKey) = AttachmentHeader.Create(key, entryId, attachmentId, metadata);
        return Wrap(header, fileKey, attachmentId, metadata, plaintext, leaveOpen);
    }

    /// <summary>Reads and verifies the header of <paramref name="ciphertext"/>; the returned stream decrypts the content as it is read.</summary>
    /// <exception cref="CryptoFormatException">The header is malformed (too short, unknown version or algorithm).</exception>
    /// <exception cref="DecryptionFailedException">The header does not open: another vault, entry, attachment or epoch, or tampered.</exception>
    public static Task<AttachmentDecryptingStream> OpenAsync(
        VaultKey key, Guid entryId, Guid attachmentId, Stream ciphertext, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ciphertext);
        return AttachmentDecryptingStream.OpenAsync(ciphertext, leaveOpen, key, entryId, attachmentId, cancellationToken);
    }

    /// <inheritdoc cref="OpenAsync"/>
    public static AttachmentDecryptingStream Open(VaultKey key, Guid entryId, Guid attachmentId, Stream ciphertext, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ciphertext);
        return AttachmentDecryptingStream.Open(ciphertext, leaveOpen, key, entryId, attachmentId);
    }

    /// <summary>
    /// Re-encrypts an attachment being decrypted from <paramref name="source"/> under a new file key, for the vault key
    /// <paramref name="newKey"/> (e.g. the next epoch after a revocation, since a revoked member may have kept the old
    /// file key) and a new attachment id (the server never reuses one). The metadata is carried over. Nothing is
    /// buffered beyond a chunk on each side; a tampered source fails the read of the returned stream.
    /// </summary>
    public static AttachmentEncryptingStream Reencrypt(AttachmentDecryptingStream source, VaultKey newKey, Guid entryId, Guid newAttachmentId)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Encrypt(newKey, entryId, newAttachmentId, source.Metadata, source);
    }

    private static AttachmentEncryptingStream Wrap(
        byte[] header, NSec.Cryptography.Key fileKey, Guid attachmentId, AttachmentMetadata metadata, Stream plaintext, bool leaveOpen)
    {
        var sealer = new ChunkSealer(fileKey, AttachmentHeader.NoncePrefix(header), attachmentId);
        return new AttachmentEncryptingStream(plaintext, leaveOpen, header, sealer, attachmentId, metadata);
    }

    /// <summary>Deterministic encryption for known-answer tests (fixed file key and nonces).</summary>
    internal static AttachmentEncryptingStream Encrypt(
        VaultKey key,
        Guid entryId,
        Guid attachmentId,
        AttachmentMetadata metadata,
        Stream plaintext,
        ReadOnlySpan<byte> rawFileKey,
        ReadOnlySpan<byte> noncePrefix,
        ReadOnlySpan<byte> keyNonce,
        ReadOnlySpan<byte> metadataNonce)
    {
        var (header, fileKey) = AttachmentHeader.Create(key, entryId, attachmentId, metadata, rawFileKey, noncePrefix, keyNonce, metadataNonce);
        return Wrap(header, fileKey, attachmentId, metadata, plaintext, leaveOpen: false);
    }
}
