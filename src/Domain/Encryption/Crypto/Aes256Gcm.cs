using System.Security.Cryptography;

namespace PasswordManager.Domain.Encryption.Crypto;

/// <summary>
/// The module's only AEAD: AES-256-GCM with a 12-byte nonce and a 16-byte tag, nothing else. Other key, nonce or
/// tag sizes are refused with an exception instead of being used, so a caller cannot slip into a weaker mode.
/// The sealed form is <c>ciphertext || tag</c>.
/// </summary>
public static class Aes256Gcm
{
    public const string Algorithm = "AES-256-GCM";
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeySize);

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedBytes = new byte[plaintext.Length + TagSize];
        Seal(key, nonce, plaintext, associatedData, sealedBytes);
        return sealedBytes;
    }

    /// <summary>Writes <c>ciphertext || tag</c> to the first <c>plaintext.Length + 16</c> bytes of <paramref name="destination"/>.</summary>
    public static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        CheckSizes(key, nonce);
        using var aes = new AesGcm(key, TagSize);
        Seal(aes, nonce, plaintext, associatedData, destination);
    }

    /// <summary>Opens <c>ciphertext || tag</c>; returns null when anything (key, nonce, data, AAD, tag) does not match.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        CheckSizes(key, nonce);
        if (sealedBytes.Length < TagSize) return null;
        using var aes = new AesGcm(key, TagSize);
        return Open(aes, nonce, sealedBytes, associatedData);
    }

    internal static void Seal(AesGcm aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination) =>
        aes.Encrypt(nonce, plaintext, destination[..plaintext.Length], destination.Slice(plaintext.Length, TagSize), associatedData);

    /// <summary>The caller has checked the sizes and that <paramref name="sealedBytes"/> holds at least a tag.</summary>
    internal static byte[]? Open(AesGcm aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        var length = sealedBytes.Length - TagSize;
        var plaintext = new byte[length];
        try
        {
            aes.Decrypt(nonce, sealedBytes[..length], sealedBytes[length..], plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return null;
        }
    }

    private static void CheckSizes(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
    {
        if (key.Length != KeySize) throw new ArgumentException($"AES-256-GCM needs a {KeySize}-byte key.", nameof(key));
        CheckNonce(nonce);
    }

    internal static void CheckNonce(ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != NonceSize) throw new ArgumentException($"AES-256-GCM needs a {NonceSize}-byte nonce.", nameof(nonce));
    }
}
