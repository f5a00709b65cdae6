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

    public static bool IsBase64(string? text, int maxBytes) => TryDecode(text) is { } bytes && bytes.Length <= maxBytes;

    public static bool IsBase64OfLength(string? text, int length) => TryDecode(text)?.Length == length;

    public static bool IsMasterKey(string? text) => text is null || IsBase64OfLength(text, MasterKeyLength);

    public static byte[]? MasterKey(string? text) => text is null ? null : TryDecode(text);
}
