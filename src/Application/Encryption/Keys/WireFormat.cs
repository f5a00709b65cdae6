using System.Buffers;
using System.Security.Cryptography;

namespace PasswordManager.Application.Encryption.Keys;

/// <summary>Base64 on the wire: <c>data</c>, <c>cipherText</c>, <c>metadata.nonce</c> and <c>X-Master-Key</c>.</summary>
public static class WireFormat
{
    public const int MasterKeyLength = 32;

    /// <summary>Decodes standard base64 (the empty string is empty data), or returns null for anything else.</summary>
    public static byte[]? TryDecode(string? text)
    {
        if (text is null) return null;
        if (text.Length == 0) return [];
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>
    /// The number of bytes <paramref name="text"/> decodes to under the rules of <see cref="TryDecode"/>, or null
    /// when it is not base64. Validation only: the bytes (possibly plaintext) go to a pooled buffer that is
    /// cleared at once, so checking a payload neither allocates nor leaves a copy of it on the heap.
    /// </summary>
    public static int? DecodedLength(string? text)
    {
        if (text is null) return null;
        if (text.Length == 0) return 0;
        var capacity = (text.Length * 3 / 4) + 3;
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            return Convert.TryFromBase64String(text, buffer.AsSpan(0, capacity), out var written) ? written : null;
        }
        finally
        {
            // A failed decode may still have written a prefix, so the whole range is cleared.
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, capacity));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static bool IsBase64(string? text, int maxBytes) => DecodedLength(text) <= maxBytes;

    public static bool IsBase64OfLength(string? text, int length) => DecodedLength(text) == length;

    public static bool IsMasterKey(string? text) => text is null || IsBase64OfLength(text, MasterKeyLength);

    public static byte[]? MasterKey(string? text) => text is null ? null : TryDecode(text);
}
