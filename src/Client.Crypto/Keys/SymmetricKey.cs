using NSec.Cryptography;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Keys;

/// <summary>A 32-byte XChaCha20-Poly1305 key (KEK or USK) held in libsodium memory; dispose to free and zero it.</summary>
public sealed class SymmetricKey : IDisposable
{
    internal SymmetricKey(Key key)
    {
        Key = key;
    }

    internal Key Key { get; }

    /// <summary>A fresh random key (exportable, so it can be wrapped).</summary>
    public static SymmetricKey Generate() => new(Aead.GenerateKey());

    internal static SymmetricKey Import(ReadOnlySpan<byte> rawKey) => new(Aead.ImportKey(rawKey, exportable: true));

    /// <summary>Writes the raw key; the caller zeroes <paramref name="destination"/> after use.</summary>
    internal void ExportTo(Span<byte> destination) => KeyExport.ExportRaw(Key, destination);

    public void Dispose() => Key.Dispose();
}
