using NSec.Cryptography;

namespace PasswordManager.Client.Crypto.Primitives;

/// <summary>Ed25519 (RFC 8032, pure) through libsodium, which rejects non-canonical S and small-order keys.</summary>
internal static class Ed25519Signer
{
    public const int PublicKeySize = 32;
    public const int SeedSize = 32;
    public const int SignatureSize = 64;

    public static SignatureAlgorithm Algorithm => SignatureAlgorithm.Ed25519;

    public static Key GeneratePrivateKey() =>
        Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public static Key ImportSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new CryptoFormatException($"An Ed25519 private key seed must be {SeedSize} bytes.");
        }

        return Key.Import(
            Algorithm,
            seed,
            KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    }

    public static byte[] Sign(Key privateKey, ReadOnlySpan<byte> message) => Algorithm.Sign(privateKey, message);

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeySize || signature.Length != SignatureSize
            || !PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }

        return Algorithm.Verify(key, message, signature);
    }
}
