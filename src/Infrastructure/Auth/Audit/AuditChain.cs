using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PasswordManager.Application.Contracts.Auth.Audit;

namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary>
/// The canonical form of an audit row and of a checkpoint (ADR-0025). A row's hash is
/// SHA-256(previous row's hash ‖ canonical row); the first row of a tenant follows <see cref="Genesis"/>.
/// </summary>
internal static class AuditChain
{
    public static readonly byte[] Genesis = new byte[32];

    private static readonly byte[] RowLabel = "pm/audit/v1"u8.ToArray();
    private static readonly byte[] CheckpointLabel = "pm/audit-checkpoint/v1"u8.ToArray();

    /// <summary>PostgreSQL keeps microseconds; a time is cut to them before it is hashed or stored.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    public static byte[] RowHash(byte[] previousHash, Guid id, long sequence, AuditRecord row)
    {
        using var buffer = new MemoryStream();
        buffer.Write(RowLabel);
        WriteGuid(buffer, row.TenantId);
        WriteInt64(buffer, sequence);
        WriteGuid(buffer, id);
        WriteInt64(buffer, Microseconds(row.OccurredAt));
        WriteOptionalGuid(buffer, row.ActorId);
        WriteString(buffer, row.Action);
        WriteString(buffer, row.Outcome);
        WriteOptionalString(buffer, row.ObjectType);
        WriteOptionalGuid(buffer, row.ObjectId);
        WriteOptionalString(buffer, row.IpAddress);
        WriteOptionalString(buffer, row.DeviceName);
        WriteOptionalString(buffer, row.Details);

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previousHash);
        sha.AppendData(buffer.GetBuffer(), 0, (int)buffer.Length);
        return sha.GetHashAndReset();
    }

    public static byte[] CheckpointMessage(Guid tenantId, long sequence, byte[] headHash, DateTimeOffset signedAt, string reason)
    {
        using var buffer = new MemoryStream();
        buffer.Write(CheckpointLabel);
        WriteGuid(buffer, tenantId);
        WriteInt64(buffer, sequence);
        buffer.Write(headHash);
        WriteInt64(buffer, Microseconds(signedAt));
        WriteString(buffer, reason);
        return buffer.ToArray();
    }

    private static long Microseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static void WriteGuid(Stream buffer, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        buffer.Write(bytes);
    }

    private static void WriteInt64(Stream buffer, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        buffer.Write(bytes);
    }

    private static void WriteString(Stream buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    private static void WriteOptionalString(Stream buffer, string? value)
    {
        buffer.WriteByte(value is null ? (byte)0 : (byte)1);
        if (value is not null) WriteString(buffer, value);
    }

    private static void WriteOptionalGuid(Stream buffer, Guid? value)
    {
        buffer.WriteByte(value is null ? (byte)0 : (byte)1);
        if (value is { } guid) WriteGuid(buffer, guid);
    }
}
