using System.Buffers.Binary;
using System.Text;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.History;

/// <summary>Byte layout of history records (docs/crypto-format.md §21.1).</summary>
internal static class HistoryFormat
{
    public const string Label = "pm/v1/history";
    public const int HashSize = 32;
    public const byte EntryKind = 0x01;
    public const byte AttachmentKind = 0x02;
    public const byte MemberKind = 0x03;
    public const byte RekeyKind = 0x04;
    public const byte CheckpointKind = 0x05;
    public const int EntryChangeSize = 1 + WireGuid.Size + sizeof(ulong) + 1 + HashSize;
    public const int AttachmentChangeSize = 1 + (2 * WireGuid.Size) + 1 + HashSize;
    public const int MemberChangeSize = 1 + WireGuid.Size + 1 + HashSize;
    public const int RekeyChangeSize = 1 + sizeof(ulong);
    public const int CheckpointChangeSize = 1;

    public static readonly byte[] LabelBytes = Encoding.ASCII.GetBytes(Label);

    public static bool IsZero(ReadOnlySpan<byte> hash) => hash.IndexOfAnyExcept((byte)0) < 0;

    public static byte[] EncodeChange(HistoryChange change)
    {
        switch (change)
        {
            case EntryChange entry:
            {
                var bytes = new byte[EntryChangeSize];
                bytes[0] = EntryKind;
                WireGuid.Write(entry.EntryId, bytes.AsSpan(1));
                BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1 + WireGuid.Size), (ulong)entry.Version);
                bytes[1 + WireGuid.Size + sizeof(ulong)] = entry.Deleted ? (byte)1 : (byte)0;
                entry.CiphertextHash.CopyTo(bytes, EntryChangeSize - HashSize);
                return bytes;
            }

            case AttachmentChange attachment:
            {
                var bytes = new byte[AttachmentChangeSize];
                bytes[0] = AttachmentKind;
                WireGuid.Write(attachment.EntryId, bytes.AsSpan(1));
                WireGuid.Write(attachment.AttachmentId, bytes.AsSpan(1 + WireGuid.Size));
                bytes[1 + (2 * WireGuid.Size)] = attachment.Deleted ? (byte)1 : (byte)0;
                attachment.ContentHash.CopyTo(bytes, AttachmentChangeSize - HashSize);
                return bytes;
            }

            case MemberChange member:
            {
                var bytes = new byte[MemberChangeSize];
                bytes[0] = MemberKind;
                WireGuid.Write(member.UserId, bytes.AsSpan(1));
                bytes[1 + WireGuid.Size] = member.Permission is { } permission ? (byte)permission : (byte)0;
                member.AccessHash.CopyTo(bytes, MemberChangeSize - HashSize);
                return bytes;
            }

            case RekeyChange rekey:
            {
                var bytes = new byte[RekeyChangeSize];
                bytes[0] = RekeyKind;
                BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1), (ulong)rekey.FromKeyEpoch);
                return bytes;
            }

            case CheckpointChange:
                return [CheckpointKind];

            default:
                throw new ArgumentException($"Unknown history change type {change.GetType().Name}.", nameof(change));
        }
    }

    /// <summary>Decodes one change; null when it is not one of the kinds, flags and permissions of §21.1.</summary>
    public static HistoryChange? DecodeChange(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return null;
        }

        switch (bytes[0])
        {
            case EntryKind when bytes.Length == EntryChangeSize:
            {
                var version = BinaryPrimitives.ReadUInt64BigEndian(bytes[(1 + WireGuid.Size)..]);
                var deleted = bytes[1 + WireGuid.Size + sizeof(ulong)];
                return version is < 1 or > long.MaxValue || deleted > 1
                    ? null
                    : new EntryChange(WireGuid.Read(bytes[1..]), (long)version, deleted == 1, bytes[^HashSize..].ToArray());
            }

            case AttachmentKind when bytes.Length == AttachmentChangeSize:
            {
                var deleted = bytes[1 + (2 * WireGuid.Size)];
                return deleted > 1
                    ? null
                    : new AttachmentChange(WireGuid.Read(bytes[1..]), WireGuid.Read(bytes[(1 + WireGuid.Size)..]), deleted == 1, bytes[^HashSize..].ToArray());
            }

            case MemberKind when bytes.Length == MemberChangeSize:
            {
                var permission = bytes[1 + WireGuid.Size];
                return permission > (byte)AccessPermission.Admin
                    ? null
                    : new MemberChange(WireGuid.Read(bytes[1..]), permission == 0 ? null : (AccessPermission)permission, bytes[^HashSize..].ToArray());
            }

            case RekeyKind when bytes.Length == RekeyChangeSize:
            {
                var from = BinaryPrimitives.ReadUInt64BigEndian(bytes[1..]);
                return from >= long.MaxValue ? null : new RekeyChange((long)from);
            }

            case CheckpointKind when bytes.Length == CheckpointChangeSize:
                return new CheckpointChange();

            default:
                return null;
        }
    }

    /// <summary>
    /// Canonical order of §21.1: a checkpoint first, then by kind, then by id bytes (entry and member: the id; attachment:
    /// the attachment id).
    /// </summary>
    public static int Compare(HistoryChange left, HistoryChange right)
    {
        var byKind = Rank(left).CompareTo(Rank(right));
        return byKind != 0 ? byKind : CompareIds(Id(left), Id(right));
    }

    /// <summary>The structural rules every record obeys; null when it does, else what is wrong.</summary>
    public static string? StructuralError(long seq, ReadOnlySpan<byte> prev, long keyEpoch, long timestamp, IReadOnlyList<HistoryChange> changes)
    {
        if (seq < 1) return "seq must be at least 1.";
        if (keyEpoch < 0) return "the key epoch must not be negative.";
        if (timestamp < 0) return "the timestamp must not be negative.";
        if (prev.Length != HashSize) return $"prev must be {HashSize} bytes.";
        if (changes.Count == 0) return "a record names at least one change.";
        if (seq == 1 && !IsZero(prev)) return "the first record's prev must be 32 zero bytes.";
        if (seq == 1 && changes[0] is not CheckpointChange) return "the first record of a vault must be a checkpoint.";

        var checkpoint = changes[0] is CheckpointChange;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (i > 0 && Compare(changes[i - 1], change) >= 0)
            {
                return "changes are not in canonical order or repeat an id.";
            }

            var error = change switch
            {
                null => "a change is missing.",
                EntryChange { Version: < 1 } => "an entry version must be at least 1.",
                EntryChange e when e.CiphertextHash is not { Length: HashSize } => $"an entry's ciphertext hash must be {HashSize} bytes.",
                EntryChange { Deleted: true } e when !IsZero(e.CiphertextHash) => "a tombstone's ciphertext hash must be 32 zero bytes.",
                AttachmentChange a when a.ContentHash is not { Length: HashSize } => $"an attachment's content hash must be {HashSize} bytes.",
                AttachmentChange { Deleted: true } a when !IsZero(a.ContentHash) => "a deleted attachment's hash must be 32 zero bytes.",
                AttachmentChange { Deleted: true } when checkpoint => "a checkpoint lists no deleted attachment.",
                MemberChange m when m.AccessHash is not { Length: HashSize } => $"a member's access hash must be {HashSize} bytes.",
                MemberChange { Permission: { } p } when !Enum.IsDefined(p) => "unknown member permission.",
                MemberChange { Permission: null } m when !IsZero(m.AccessHash) => "a removed member's access hash must be 32 zero bytes.",
                MemberChange { Permission: null } when checkpoint => "a checkpoint lists no removed member.",
                RekeyChange { FromKeyEpoch: < 0 or long.MaxValue } => "the re-key's epoch is out of range.",
                RekeyChange when checkpoint => "a checkpoint holds no re-key.",
                RekeyChange r when keyEpoch != r.FromKeyEpoch + 1 => "a re-key record's key epoch must be fromKeyEpoch + 1.",
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    public static void WriteField(Stream output, ReadOnlySpan<byte> field)
    {
        Span<byte> length = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)field.Length);
        output.Write(length);
        output.Write(field);
    }

    public static byte[] U64(long value)
    {
        var bytes = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)value);
        return bytes;
    }

    public static byte[] GuidBytes(Guid value)
    {
        var bytes = new byte[WireGuid.Size];
        WireGuid.Write(value, bytes);
        return bytes;
    }

    private static int Rank(HistoryChange change) => change.Kind == CheckpointKind ? 0 : change.Kind;

    private static Guid? Id(HistoryChange change) => change switch
    {
        EntryChange e => e.EntryId,
        AttachmentChange a => a.AttachmentId,
        MemberChange m => m.UserId,
        _ => null,
    };

    private static int CompareIds(Guid? left, Guid? right)
    {
        if (left is null || right is null)
        {
            return 0;
        }

        Span<byte> a = stackalloc byte[WireGuid.Size];
        Span<byte> b = stackalloc byte[WireGuid.Size];
        WireGuid.Write(left.Value, a);
        WireGuid.Write(right.Value, b);
        return a.SequenceCompareTo(b);
    }
}
