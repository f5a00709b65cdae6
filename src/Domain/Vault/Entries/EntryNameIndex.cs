namespace PasswordManager.Domain.Vault.Entries;

/// <summary>
/// The format of a client's blind name index (docs/crypto-format.md §20): 16 bytes as unpadded base64url, 22 characters.
/// The server checks the form only; it cannot tell an index from random bytes, and needs not.
/// </summary>
public static class EntryNameIndex
{
    public const int Length = 22;

    /// <summary>The canonical encoding only: the last character carries 2 bits of data, so its low 4 bits must be zero.</summary>
    public static bool IsValid(string? text)
    {
        if (text is null || text.Length != Length) return false;
        foreach (var c in text)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        return text[^1] is 'A' or 'Q' or 'g' or 'w';
    }
}
