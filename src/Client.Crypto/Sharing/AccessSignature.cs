using System.Buffers.Binary;
using System.Text;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Sharing;

/// <summary>
/// Canonical bytes signed by the granter of an access record. Every field is length-prefixed with a
/// 4-byte big-endian length: LP(UTF8("pm/v1/access")) || LP(vaultId 16 B big-endian) ||
/// LP(recipientId 16 B big-endian) || LP(keyEpoch u64 big-endian) || LP(UTF8(permission)) || LP(wrappedKey).
/// </summary>
internal static class AccessSignature
{
    private static readonly byte[] label = Encoding.UTF8.GetBytes(Labels.Access);

    public static byte[] CanonicalMessage(Guid vaultId, Guid recipientId, long keyEpoch, AccessPermission permission, ReadOnlySpan<byte> wrappedKey)
    {
        AssociatedData.CheckCounter(keyEpoch, nameof(keyEpoch));
        var permissionBytes = Encoding.UTF8.GetBytes(permission.ToWireName());
        var length = (6 * sizeof(uint)) + label.Length + (2 * WireGuid.Size) + sizeof(ulong) + permissionBytes.Length + wrappedKey.Length;
        var message = new byte[length];
        var writer = message.AsSpan();

        Write(ref writer, label);

        Span<byte> field = stackalloc byte[WireGuid.Size];
        WireGuid.Write(vaultId, field);
        Write(ref writer, field);
        WireGuid.Write(recipientId, field);
        Write(ref writer, field);

        Span<byte> epoch = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(epoch, (ulong)keyEpoch);
        Write(ref writer, epoch);

        Write(ref writer, permissionBytes);
        Write(ref writer, wrappedKey);
        return message;
    }

    private static void Write(ref Span<byte> writer, scoped ReadOnlySpan<byte> field)
    {
        BinaryPrimitives.WriteUInt32BigEndian(writer, (uint)field.Length);
        field.CopyTo(writer[sizeof(uint)..]);
        writer = writer[(sizeof(uint) + field.Length)..];
    }
}
