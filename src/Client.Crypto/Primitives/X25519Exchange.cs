using NSec.Cryptography;

namespace PasswordManager.Client.Crypto.Primitives;

/// <summary>
/// X25519 (RFC 7748) through libsodium. The high bit of a public key is ignored (RFC 7748 §5);
/// a public key that yields the all-zero shared secret (a low-order point) is rejected.
/// </summary>
internal static class X25519Exchange
{
    public const int KeySize = 32;

    public static KeyAgreementAlgorithm Algorithm => KeyAgreementAlgorithm.X25519;

    public static Key GeneratePrivateKey() =>
        Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public static Key ImportPrivateKey(ReadOnlySpan<byte> rawPrivateKey)
    {
        if (rawPrivateKey.Length != KeySize)
        {
            throw new CryptoFormatException($"An X25519 private key must be {KeySize} bytes.");
        }

        return Key.Import(
            Algorithm,
            rawPrivateKey,
            KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    }

    /// <summary>Writes the 32-byte raw shared secret; returns false for a low-order (or malformed) public key.</summary>
    public static bool TryAgree(Key privateKey, ReadOnlySpan<byte> publicKey, Span<byte> sharedSecret)
    {
        if (publicKey.Length != KeySize || sharedSecret.Length != KeySize
            || !PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var peer) || peer is null)
        {
            return false;
        }

        var parameters = new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var secret = Algorithm.Agree(privateKey, peer, in parameters);
        if (secret is null)
        {
            return false;
        }

        return secret.TryExport(SharedSecretBlobFormat.RawSharedSecret, sharedSecret, out var written) && written == KeySize;
    }

    /// <summary>
    /// True when <paramref name="publicKey"/> is a low-order point: every clamped scalar is a multiple of the
    /// cofactor 8, so the agreement with any private key yields the all-zero secret.
    /// </summary>
    public static bool IsLowOrder(ReadOnlySpan<byte> publicKey)
    {
        using var probe = Key.Create(Algorithm);
        Span<byte> shared = stackalloc byte[KeySize];
        var ok = TryAgree(probe, publicKey, shared);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(shared);
        return !ok;
    }
}
