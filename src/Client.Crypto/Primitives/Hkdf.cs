using NSec.Cryptography;

namespace PasswordManager.Client.Crypto.Primitives;

/// <summary>HKDF-SHA256 (RFC 5869, extract then expand). An empty salt means HashLen zero bytes.</summary>
internal static class Hkdf
{
    public const int MaxOutputSize = 255 * 32;

    public static void DeriveBytes(
        ReadOnlySpan<byte> inputKeyingMaterial, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, Span<byte> output)
    {
        if (output.Length is 0 or > MaxOutputSize)
        {
            throw new ArgumentOutOfRangeException(nameof(output), $"HKDF-SHA256 output must be 1..{MaxOutputSize} bytes.");
        }

        if (inputKeyingMaterial.IsEmpty)
        {
            throw new ArgumentException("HKDF input keying material must not be empty.", nameof(inputKeyingMaterial));
        }

        KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(inputKeyingMaterial, salt, info, output);
    }

    /// <summary>Derives a 32-byte XChaCha20-Poly1305 key; the intermediate bytes are zeroed.</summary>
    public static Key DeriveAeadKey(ReadOnlySpan<byte> inputKeyingMaterial, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info)
    {
        Span<byte> raw = stackalloc byte[Aead.KeySize];
        try
        {
            DeriveBytes(inputKeyingMaterial, salt, info, raw);
            return Aead.ImportKey(raw, exportable: false);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(raw);
        }
    }
}
