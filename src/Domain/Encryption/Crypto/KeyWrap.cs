namespace PasswordManager.Domain.Encryption.Crypto;

/// <summary>
/// Seals a 32-byte data key under a key-encryption key: <c>nonce (12) || AES-256-GCM(key) (32) || tag (16)</c>,
/// with <see cref="EncryptionAad.ForKeyWrap"/> as associated data.
/// </summary>
public static class KeyWrap
{
    public const int WrappedLength = Aes256Gcm.NonceSize + Aes256Gcm.KeySize + Aes256Gcm.TagSize;

    public static byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData)
    {
        if (key.Length != Aes256Gcm.KeySize) throw new ArgumentException("Only 32-byte keys are wrapped.", nameof(key));
        var nonce = Aes256Gcm.NewNonce();
        var sealedKey = Aes256Gcm.Seal(kek, nonce, key, associatedData);
        return [.. nonce, .. sealedKey];
    }

    /// <summary>Returns the key, or null when the KEK or associated data is wrong.</summary>
    public static byte[]? Unwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData) =>
        wrapped.Length != WrappedLength
            ? null
            : Aes256Gcm.Open(kek, wrapped[..Aes256Gcm.NonceSize], wrapped[Aes256Gcm.NonceSize..], associatedData);
}
