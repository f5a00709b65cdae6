using System.Buffers.Binary;
using System.Text;
using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Encryption.Crypto;

/// <summary>
/// Associated data that binds every ciphertext to its place: label, tenant, key version and encryptionId
/// (docs/encryption-service.md). A ciphertext moved to another context, version or tenant fails to open.
/// Layout: <c>label || tenant (16, big-endian) || versionId (16, big-endian) || u16 length || encryptionId (UTF-8)</c>.
/// </summary>
public static class EncryptionAad
{
    public const string DataLabel = "pm/enc/v1/data";
    public const string KeyWrapLabel = "pm/enc/v1/wrap";

    private static readonly byte[] dataLabelBytes = Encoding.ASCII.GetBytes(DataLabel);
    private static readonly byte[] keyWrapLabelBytes = Encoding.ASCII.GetBytes(KeyWrapLabel);

    public static byte[] ForData(TenantId tenant, string encryptionId, Guid versionId) => Build(dataLabelBytes, tenant, encryptionId, versionId);

    public static byte[] ForKeyWrap(TenantId tenant, string encryptionId, Guid versionId) => Build(keyWrapLabelBytes, tenant, encryptionId, versionId);

    private static byte[] Build(byte[] labelBytes, TenantId tenant, string encryptionId, Guid versionId)
    {
        var idBytes = Encoding.UTF8.GetBytes(encryptionId);
        var aad = new byte[labelBytes.Length + 16 + 16 + 2 + idBytes.Length];
        var span = aad.AsSpan();
        labelBytes.CopyTo(span);
        span = span[labelBytes.Length..];
        tenant.Value.TryWriteBytes(span[..16], bigEndian: true, out _);
        versionId.TryWriteBytes(span.Slice(16, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteUInt16BigEndian(span.Slice(32, 2), checked((ushort)idBytes.Length));
        idBytes.CopyTo(span[34..]);
        return aad;
    }
}
