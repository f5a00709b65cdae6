using NSec.Cryptography;

namespace PasswordManager.Client.Crypto.Primitives;

/// <summary>XChaCha20-Poly1305 (libsodium via NSec). The only AEAD used by the package.</summary>
internal static class Aead
{
    public const int KeySize = 32;
    public const int NonceSize = 24;
    public const int TagSize = 16;

    public static AeadAlgorithm Algorithm => AeadAlgorithm.XChaCha20Poly1305;

    public static Key ImportKey(ReadOnlySpan<byte> rawKey, bool exportable)
    {
        if (rawKey.Length != KeySize)
        {
            throw new CryptoFormatException($"A symmetric key must be {KeySize} bytes.");
        }

        var parameters = new KeyCreationParameters
        {
            ExportPolicy = exportable ? KeyExportPolicies.AllowPlaintextExport : KeyExportPolicies.None,
        };
        return Key.Import(Algorithm, rawKey, KeyBlobFormat.RawSymmetricKey, in parameters);
    }

    public static Key GenerateKey() =>
        Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    /// <summary>Writes ciphertext || tag (plaintext.Length + 16 bytes) into <paramref name="ciphertext"/>.</summary>
    public static void Encrypt(
        Key key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        CheckNonce(nonce);
        Algorithm.Encrypt(key, nonce, associatedData, plaintext, ciphertext);
    }

    /// <summary>Returns false when the tag does not verify; <paramref name="plaintext"/> is then left zeroed.</summary>
    public static bool TryDecrypt(
        Key key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        CheckNonce(nonce);
        if (ciphertext.Length < TagSize || plaintext.Length != ciphertext.Length - TagSize)
        {
            return false;
        }

        if (Algorithm.Decrypt(key, nonce, associatedData, ciphertext, plaintext))
        {
            return true;
        }

        plaintext.Clear();
        return false;
    }

    private static void CheckNonce(ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != NonceSize)
        {
            throw new CryptoFormatException($"An XChaCha20-Poly1305 nonce must be {NonceSize} bytes, not {nonce.Length}.");
        }
    }
}
