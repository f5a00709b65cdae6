using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PasswordManager.IntegrationTests.Vault.History;

/// <summary>
/// Writes history records in the bytes of docs/crypto-format.md §21.1, independently of the server's parser, with a
/// random signature (the server never verifies signatures).
/// </summary>
internal sealed class HistoryRecordBuilder(Guid vaultId, Guid authorId)
{
    private readonly List<(byte Kind, byte[] Id, byte[] Bytes)> changes = [];

    public long Seq { get; set; } = 1;
    public byte[] Prev { get; set; } = new byte[32];
    public long KeyEpoch { get; set; } = 1;
    public Guid VaultId { get; set; } = vaultId;
    public Guid AuthorId { get; set; } = authorId;

    /// <summary>Starts after the record (<paramref name="seq"/>, <paramref name="hash"/>): seq + 1, prev = its hash.</summary>
    public HistoryRecordBuilder After(long seq, byte[] hash)
    {
        (Seq, Prev) = (seq + 1, hash);
        return this;
    }

    public HistoryRecordBuilder Checkpoint()
    {
        changes.Add((5, [], [5]));
        return this;
    }

    public HistoryRecordBuilder Entry(Guid entryId, long version, byte[]? ciphertext)
    {
        var bytes = new byte[1 + 16 + 8 + 1 + 32];
        bytes[0] = 1;
        entryId.TryWriteBytes(bytes.AsSpan(1), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(17), version);
        bytes[25] = ciphertext is null ? (byte)1 : (byte)0;
        if (ciphertext is not null) SHA256.HashData(ciphertext).CopyTo(bytes.AsSpan(26));
        changes.Add((1, entryId.ToByteArray(bigEndian: true), bytes));
        return this;
    }

    public HistoryRecordBuilder Attachment(Guid entryId, Guid attachmentId, byte[]? content)
    {
        var bytes = new byte[1 + 16 + 16 + 1 + 32];
        bytes[0] = 2;
        entryId.TryWriteBytes(bytes.AsSpan(1), bigEndian: true, out _);
        attachmentId.TryWriteBytes(bytes.AsSpan(17), bigEndian: true, out _);
        bytes[33] = content is null ? (byte)1 : (byte)0;
        if (content is not null) SHA256.HashData(content).CopyTo(bytes.AsSpan(34));
        changes.Add((2, attachmentId.ToByteArray(bigEndian: true), bytes));
        return this;
    }

    /// <summary>A member with permission 1–3 and the access record it holds, or removed (<paramref name="permission"/> "removed").</summary>
    public HistoryRecordBuilder Member(Guid userId, string permission, long keyEpoch = 1, byte[]? wrappedKey = null)
    {
        var bytes = new byte[1 + 16 + 1 + 32];
        bytes[0] = 3;
        userId.TryWriteBytes(bytes.AsSpan(1), bigEndian: true, out _);
        bytes[17] = permission switch { "read" => 1, "write" => 2, "admin" => 3, _ => 0 };
        if (bytes[17] != 0) AccessHash(VaultId, userId, keyEpoch, permission, wrappedKey!).CopyTo(bytes.AsSpan(18));
        changes.Add((3, userId.ToByteArray(bigEndian: true), bytes));
        return this;
    }

    public HistoryRecordBuilder Rekey(long fromKeyEpoch)
    {
        var bytes = new byte[9];
        bytes[0] = 4;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), fromKeyEpoch);
        changes.Add((4, [], bytes));
        return this;
    }

    /// <summary>The record's bytes, changes in the order of §21.1 (a checkpoint first, then by kind, then by id bytes).</summary>
    public byte[] Build(Func<byte[], byte[]>? tamper = null)
    {
        var ordered = changes.Where(c => c.Kind == 5)
            .Concat(changes.Where(c => c.Kind != 5).OrderBy(c => c.Kind).ThenBy(c => c.Id, ByteComparer.Instance)).ToList();
        using var body = new MemoryStream();
        Field(body, Encoding.UTF8.GetBytes("pm/v1/history"));
        Field(body, VaultId.ToByteArray(bigEndian: true));
        Field(body, U64(Seq));
        Field(body, Prev);
        Field(body, AuthorId.ToByteArray(bigEndian: true));
        Field(body, U64(KeyEpoch));
        Field(body, U64(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        var count = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, (uint)ordered.Count);
        Field(body, count);
        foreach (var change in ordered) Field(body, change.Bytes);
        Field(body, RandomNumberGenerator.GetBytes(64));
        var record = body.ToArray();
        return tamper is null ? record : tamper(record);
    }

    public string Base64(Func<byte[], byte[]>? tamper = null) => Convert.ToBase64String(Build(tamper));

    public static byte[] Hash(string base64Record) => SHA256.HashData(Convert.FromBase64String(base64Record));

    public static byte[] AccessHash(Guid vaultId, Guid userId, long keyEpoch, string permission, byte[] wrappedKey)
    {
        using var message = new MemoryStream();
        Field(message, Encoding.UTF8.GetBytes("pm/v1/access"));
        Field(message, vaultId.ToByteArray(bigEndian: true));
        Field(message, userId.ToByteArray(bigEndian: true));
        Field(message, U64(keyEpoch));
        Field(message, Encoding.UTF8.GetBytes(permission));
        Field(message, wrappedKey);
        return SHA256.HashData(message.ToArray());
    }

    private static byte[] U64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static void Field(MemoryStream target, byte[] field)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)field.Length);
        target.Write(length);
        target.Write(field);
    }

    private sealed class ByteComparer : IComparer<byte[]>
    {
        public static readonly ByteComparer Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
