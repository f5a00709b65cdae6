using System.Globalization;
using System.Text;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Envelopes;

/// <summary>
/// AAD strings, rebuilt by the reader from context and never stored: Guids in lowercase "D" format,
/// integers in invariant decimal without leading zeros, fields separated by '|'.
/// </summary>
internal static class AssociatedData
{
    public static byte[] UserKey(Guid userId) => Utf8($"{Labels.UserKey}|{WireGuid.ToText(userId)}");

    public static byte[] PrivateKeys(Guid userId) => Utf8($"{Labels.PrivateKeys}|{WireGuid.ToText(userId)}");

    public static byte[] Entry(Guid vaultId, Guid entryId, long keyEpoch, long version)
    {
        CheckCounter(keyEpoch, nameof(keyEpoch));
        CheckCounter(version, nameof(version));
        return Utf8($"{Labels.Entry}|{WireGuid.ToText(vaultId)}|{WireGuid.ToText(entryId)}|{Decimal(keyEpoch)}|{Decimal(version)}");
    }

    public static byte[] Seal(Guid vaultId, Guid recipientId, long keyEpoch)
    {
        CheckCounter(keyEpoch, nameof(keyEpoch));
        return Utf8($"{Labels.Seal}|{WireGuid.ToText(vaultId)}|{WireGuid.ToText(recipientId)}|{Decimal(keyEpoch)}");
    }

    public static byte[] VaultMetadata(Guid vaultId, long keyEpoch)
    {
        CheckCounter(keyEpoch, nameof(keyEpoch));
        return Utf8($"{Labels.VaultMetadata}|{WireGuid.ToText(vaultId)}|{Decimal(keyEpoch)}");
    }

    public static byte[] LocalCache(Guid userId) => Utf8($"{Labels.LocalCache}|{WireGuid.ToText(userId)}");

    public static byte[] AttachmentKey(Guid vaultId, Guid entryId, Guid attachmentId, long keyEpoch)
    {
        CheckCounter(keyEpoch, nameof(keyEpoch));
        return Utf8($"{Labels.AttachmentKey}|{WireGuid.ToText(vaultId)}|{WireGuid.ToText(entryId)}|{WireGuid.ToText(attachmentId)}|{Decimal(keyEpoch)}");
    }

    public static byte[] AttachmentMetadata(Guid vaultId, Guid entryId, Guid attachmentId) =>
        Utf8($"{Labels.AttachmentMetadata}|{WireGuid.ToText(vaultId)}|{WireGuid.ToText(entryId)}|{WireGuid.ToText(attachmentId)}");

    /// <summary>The fixed part of a chunk's AAD, <c>pm/v1/attachment-chunk|{attachmentId}|</c>; the index and final flag follow.</summary>
    public static byte[] AttachmentChunkPrefix(Guid attachmentId) => Utf8($"{Labels.AttachmentChunk}|{WireGuid.ToText(attachmentId)}|");

    /// <summary><c>pm/v1/local-unlock|{userId}|{binding}</c>: the binding names the profile and device the unlock belongs to.</summary>
    public static byte[] LocalUnlock(Guid userId, string binding) => Utf8($"{Labels.LocalUnlock}|{WireGuid.ToText(userId)}|{binding}");

    /// <summary>HKDF info of an entry-name index key (not an AAD, but built by the same rules).</summary>
    public static byte[] NameIndex(Guid vaultId, long keyEpoch)
    {
        CheckCounter(keyEpoch, nameof(keyEpoch));
        return Utf8($"{Labels.NameIndex}|{WireGuid.ToText(vaultId)}|{Decimal(keyEpoch)}");
    }

    internal static void CheckCounter(long value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, "Key epochs and entry versions are non-negative.");
        }
    }

    private static string Decimal(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);
}
