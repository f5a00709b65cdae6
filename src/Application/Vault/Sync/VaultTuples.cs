using System.Buffers.Text;

namespace PasswordManager.Application.Vault.Sync;

/// <summary>
/// The wire form that the sync cursor and the held history heads share: base64url of version byte 1 followed by
/// fixed-size tuples, each a vault id (16 bytes, big-endian) and its value.
/// </summary>
internal static class VaultTuples
{
    public const byte Version = 1;

    public delegate bool ValueReader<T>(ReadOnlySpan<byte> bytes, out T value);

    /// <summary>Empty text is no tuples; anything malformed, or a vault named twice, is false.</summary>
    public static bool TryDecode<T>(string? text, int valueSize, ValueReader<T> read, out Dictionary<Guid, T> tuples)
    {
        tuples = [];
        if (string.IsNullOrEmpty(text)) return true;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        var size = 16 + valueSize;
        if (bytes.Length == 0 || bytes[0] != Version || (bytes.Length - 1) % size != 0) return false;
        for (var offset = 1; offset < bytes.Length; offset += size)
        {
            var vault = new Guid(bytes.AsSpan(offset, 16), bigEndian: true);
            if (!read(bytes.AsSpan(offset + 16, valueSize), out var value) || !tuples.TryAdd(vault, value)) return false;
        }

        return true;
    }
}
