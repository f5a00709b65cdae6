using System.Buffers.Binary;

namespace PasswordManager.Domain.Vault.History;

public enum HistoryChangeKind : byte
{
    Entry = 1,
    Attachment = 2,
    Member = 3,
    Rekey = 4,
    Checkpoint = 5,
}

/// <summary>
/// One change of a history record (docs/crypto-format.md §21.1). Two changes are equal when their bytes are; the
/// <see cref="Key"/> (kind and id) says which change of a record a request's change should match.
/// </summary>
public abstract record HistoryChange(HistoryChangeKind Kind)
{
    public const int HashLength = 32;

    public abstract (HistoryChangeKind Kind, Guid Id) Key { get; }

    public abstract byte[] Encode();

    /// <summary>Names the change for an error detail, without any hash.</summary>
    public abstract string Describe();

    public virtual bool Equals(HistoryChange? other) => other is not null && Encode().AsSpan().SequenceEqual(other.Encode());

    public override int GetHashCode() => HashCode.Combine(Kind, Key.Id);

    internal static byte[] ZeroHash => new byte[HashLength];

    internal static void WriteGuid(Span<byte> target, Guid id) => id.TryWriteBytes(target, bigEndian: true, out _);
}

/// <summary>The entry now is at <see cref="Version"/>; <see cref="CiphertextHash"/> is SHA-256 of its stored ciphertext (zeros for a tombstone).</summary>
public sealed record EntryHistoryChange(Guid EntryId, long Version, bool Deleted, byte[] CiphertextHash) : HistoryChange(HistoryChangeKind.Entry)
{
    public override (HistoryChangeKind Kind, Guid Id) Key => (Kind, EntryId);

    public static EntryHistoryChange Deletion(Guid entryId, long version) => new(entryId, version, true, ZeroHash);

    public override byte[] Encode()
    {
        var bytes = new byte[1 + 16 + 8 + 1 + HashLength];
        bytes[0] = (byte)Kind;
        WriteGuid(bytes.AsSpan(1), EntryId);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(17), Version);
        bytes[25] = Deleted ? (byte)1 : (byte)0;
        CiphertextHash.CopyTo(bytes.AsSpan(26));
        return bytes;
    }

    public override string Describe() => $"entry {EntryId} at version {Version}{(Deleted ? " (deleted)" : "")}";

    public bool Equals(EntryHistoryChange? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();
}

/// <summary>The attachment exists with bytes hashing to <see cref="ContentHash"/>, or is deleted (zeros).</summary>
public sealed record AttachmentHistoryChange(Guid EntryId, Guid AttachmentId, bool Deleted, byte[] ContentHash) : HistoryChange(HistoryChangeKind.Attachment)
{
    public override (HistoryChangeKind Kind, Guid Id) Key => (Kind, AttachmentId);

    public static AttachmentHistoryChange Deletion(Guid entryId, Guid attachmentId) => new(entryId, attachmentId, true, ZeroHash);

    public override byte[] Encode()
    {
        var bytes = new byte[1 + 16 + 16 + 1 + HashLength];
        bytes[0] = (byte)Kind;
        WriteGuid(bytes.AsSpan(1), EntryId);
        WriteGuid(bytes.AsSpan(17), AttachmentId);
        bytes[33] = Deleted ? (byte)1 : (byte)0;
        ContentHash.CopyTo(bytes.AsSpan(34));
        return bytes;
    }

    public override string Describe() => $"attachment {AttachmentId} of entry {EntryId}{(Deleted ? " (deleted)" : "")}";

    public bool Equals(AttachmentHistoryChange? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();
}

/// <summary>The member's permission (0 removed, 1 read, 2 write, 3 admin) and the hash of its access record's canonical message (§9).</summary>
public sealed record MemberHistoryChange(Guid UserId, byte Permission, byte[] AccessHash) : HistoryChange(HistoryChangeKind.Member)
{
    public const byte Removed = 0;

    public override (HistoryChangeKind Kind, Guid Id) Key => (Kind, UserId);

    public static MemberHistoryChange Removal(Guid userId) => new(userId, Removed, ZeroHash);

    public override byte[] Encode()
    {
        var bytes = new byte[1 + 16 + 1 + HashLength];
        bytes[0] = (byte)Kind;
        WriteGuid(bytes.AsSpan(1), UserId);
        bytes[17] = Permission;
        AccessHash.CopyTo(bytes.AsSpan(18));
        return bytes;
    }

    public override string Describe() => Permission == Removed ? $"member {UserId} removed" : $"member {UserId} with permission {Permission}";

    public bool Equals(MemberHistoryChange? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();
}

/// <summary>The vault moved from <see cref="FromKeyEpoch"/> to the record's key epoch.</summary>
public sealed record RekeyHistoryChange(long FromKeyEpoch) : HistoryChange(HistoryChangeKind.Rekey)
{
    public override (HistoryChangeKind Kind, Guid Id) Key => (Kind, Guid.Empty);

    public override byte[] Encode()
    {
        var bytes = new byte[1 + 8];
        bytes[0] = (byte)Kind;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), FromKeyEpoch);
        return bytes;
    }

    public override string Describe() => $"re-key from epoch {FromKeyEpoch}";

    public bool Equals(RekeyHistoryChange? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();
}

/// <summary>The record's other changes are the vault's whole state.</summary>
public sealed record CheckpointHistoryChange() : HistoryChange(HistoryChangeKind.Checkpoint)
{
    public override (HistoryChangeKind Kind, Guid Id) Key => (Kind, Guid.Empty);

    public override byte[] Encode() => [(byte)Kind];

    public override string Describe() => "checkpoint";

    public bool Equals(CheckpointHistoryChange? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();
}
