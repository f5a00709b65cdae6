using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.Entries;

/// <summary>
/// The blind index of an entry's name (docs/crypto-format.md §20): a keyed hash of the normalised name under a key
/// derived from the vault key of one epoch, so the server can find entries by name equality without learning names.
/// <code>
/// indexKey = HKDF-SHA256(IKM = DEK, salt = empty, info = UTF8("pm/v1/name-index|" + vaultId + "|" + keyEpoch), L = 32)
/// index    = base64url(HMAC-SHA256(indexKey, UTF8(Normalize(name)))[0..16])          22 characters, no padding
/// </code>
/// </summary>
public static class EntryNameIndex
{
    /// <summary>Bytes of the HMAC kept.</summary>
    public const int Size = 16;

    /// <summary>Characters of the base64url (unpadded) text form.</summary>
    public const int EncodedLength = 22;

    /// <summary>
    /// Upper-cases every code point (.NET's invariant simple mapping, the one <see cref="StringComparison.OrdinalIgnoreCase"/>
    /// compares with), then drops leading and trailing White_Space and turns each inner run of it into one U+0020.
    /// No Unicode normalization form is applied (see §20). Null when nothing is left or the name is not valid UTF-16.
    /// </summary>
    public static string? Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsWellFormed(name)) return null;
        var words = name.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? null : string.Join(' ', words);
    }

    /// <summary>The index of <paramref name="name"/> in the vault and epoch of <paramref name="key"/>; null when <see cref="Normalize"/> is.</summary>
    public static string? Compute(VaultKey key, string name)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Normalize(name) is not { } normalized) return null;

        var message = Encoding.UTF8.GetBytes(normalized);
        using var raw = new SecretBuffer(EnvelopeFormat.KeySize);
        using var indexKey = new SecretBuffer(EnvelopeFormat.KeySize);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            KeyExport.ExportRaw(key.Key, raw.Span);
            Hkdf.DeriveBytes(raw.Span, [], AssociatedData.NameIndex(key.VaultId, key.Epoch), indexKey.Span);
            HMACSHA256.HashData(indexKey.Span, message, mac);
            return Base64Url.EncodeToString(mac[..Size]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(mac);
            CryptographicOperations.ZeroMemory(message);
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }

        return true;
    }
}
