using NSec.Cryptography;

namespace PasswordManager.Client.Crypto.Primitives;

internal static class KeyExport
{
    /// <summary>
    /// Writes a key's raw bytes (symmetric key, X25519 scalar or Ed25519 seed) so it can be wrapped;
    /// the caller zeroes <paramref name="destination"/>. Only keys created with AllowPlaintextExport qualify.
    /// </summary>
    public static void ExportRaw(Key key, Span<byte> destination)
    {
        var format = key.Algorithm is AeadAlgorithm ? KeyBlobFormat.RawSymmetricKey : KeyBlobFormat.RawPrivateKey;
        if (!key.TryExport(format, destination, out var written) || written != destination.Length)
        {
            throw new InvalidOperationException("The key could not be exported.");
        }
    }
}
