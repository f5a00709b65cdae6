using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Vault.History;

/// <summary>A vault history's latest record: its sequence number and hash (zero and 32 zero bytes before the first).</summary>
public sealed record HistoryHead(long Seq, byte[] Hash)
{
    public static HistoryHead Empty => new(0, new byte[HistoryChange.HashLength]);

    public bool Matches(long seq, ReadOnlySpan<byte> hash) => Seq == seq && Hash.AsSpan().SequenceEqual(hash);
}

/// <summary>
/// One signed, chained record of a vault's history (docs/crypto-format.md §21.1), decoded strictly. The server
/// never checks the signature (clients do); it checks the chain and that the record names what the
/// request does.
/// </summary>
public sealed class HistoryRecord
{
    public const int SignatureLength = 64;
    private static readonly byte[] Label = Encoding.UTF8.GetBytes("pm/v1/history");

    private HistoryRecord() { }

    public Guid VaultId { get; private init; }
    public long Seq { get; private init; }
    public byte[] Prev { get; private init; } = null!;
    public Guid AuthorId { get; private init; }
    public long KeyEpoch { get; private init; }
    public long Timestamp { get; private init; }
    public IReadOnlyList<HistoryChange> Changes { get; private init; } = null!;
    public byte[] Bytes { get; private init; } = null!;
    public byte[] Hash { get; private init; } = null!;

    public bool IsCheckpoint => Changes[0] is CheckpointHistoryChange;

    public RekeyHistoryChange? Rekey => Changes.OfType<RekeyHistoryChange>().SingleOrDefault();

    public static Result<HistoryRecord> Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var reader = new Reader(bytes);
        try
        {
            if (!reader.Field().SequenceEqual(Label)) return Invalid("the label is not pm/v1/history");
            var vaultId = new Guid(reader.Field(16), bigEndian: true);
            var seq = reader.Number(8, "seq");
            var prev = reader.Field(HistoryChange.HashLength).ToArray();
            var authorId = new Guid(reader.Field(16), bigEndian: true);
            var keyEpoch = reader.Number(8, "keyEpoch");
            var timestamp = reader.Number(8, "timestamp");
            var count = reader.Number(4, "n");
            if (count < 1) return Invalid("a record names at least one change");
            if (seq < 1) return Invalid("seq starts at 1");
            if (seq == 1 && prev.Any(b => b != 0)) return Invalid("the first record's prev is 32 zero bytes");

            var changes = new List<HistoryChange>();
            for (var i = 0; i < count; i++)
            {
                var change = DecodeChange(reader.Field(), i);
                if (change.IsFailure) return change.Error;
                changes.Add(change.Value);
            }

            var order = CheckOrder(changes);
            if (order is not null) return Invalid(order);
            reader.Field(SignatureLength);
            if (!reader.AtEnd) return Invalid("bytes trail the signature");

            return new HistoryRecord
            {
                VaultId = vaultId, Seq = seq, Prev = prev, AuthorId = authorId, KeyEpoch = keyEpoch, Timestamp = timestamp,
                Changes = changes, Bytes = bytes, Hash = SHA256.HashData(bytes),
            };
        }
        catch (FormatException e)
        {
            return Invalid(e.Message);
        }
    }

    /// <summary>The chain rule: this record comes right after <paramref name="head"/>.</summary>
    public Result Extends(HistoryHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return Seq == head.Seq + 1 && Prev.AsSpan().SequenceEqual(head.Hash) ? Result.Success() : new HistoryHeadMoved(head);
    }

    /// <summary>
    /// The content rule: the record names exactly <paramref name="expected"/> (in any order; the record's own order
    /// was checked when parsing). The error names the first change that differs.
    /// </summary>
    public Result Names(IEnumerable<HistoryChange> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var named = Changes.ToDictionary(c => c.Key);
        foreach (var change in expected)
        {
            if (!named.Remove(change.Key, out var recorded)) return new InvalidHistoryRecord($"the record does not name the change of {change.Describe()}");
            if (!recorded.Equals(change))
                return new InvalidHistoryRecord($"the record's change of {recorded.Describe()} does not match what the request does ({change.Describe()}, with the hash of what the server stores)");
        }

        return named.Count == 0
            ? Result.Success()
            : new InvalidHistoryRecord($"the record names {named.Values.First().Describe()}, which the request does not change");
    }

    private static InvalidHistoryRecord Invalid(string reason) => new(reason);

    private static Result<HistoryChange> DecodeChange(ReadOnlySpan<byte> bytes, int index)
    {
        if (bytes.Length == 0) return Invalid($"change {index + 1} is empty");
        var body = bytes[1..];
        switch ((HistoryChangeKind)bytes[0])
        {
            case HistoryChangeKind.Entry when body.Length == 16 + 8 + 1 + 32:
                var version = BinaryPrimitives.ReadInt64BigEndian(body[16..]);
                if (version < 1) return Invalid($"change {index + 1}: an entry version starts at 1");
                return Flag(body[24]) is { } entryDeleted
                    ? new EntryHistoryChange(new Guid(body[..16], bigEndian: true), version, entryDeleted, body[25..].ToArray())
                    : Invalid($"change {index + 1}: the deleted flag is 0 or 1");
            case HistoryChangeKind.Attachment when body.Length == 16 + 16 + 1 + 32:
                return Flag(body[32]) is { } attachmentDeleted
                    ? new AttachmentHistoryChange(new Guid(body[..16], bigEndian: true), new Guid(body[16..32], bigEndian: true), attachmentDeleted, body[33..].ToArray())
                    : Invalid($"change {index + 1}: the deleted flag is 0 or 1");
            case HistoryChangeKind.Member when body.Length == 16 + 1 + 32:
                if (body[16] > 3) return Invalid($"change {index + 1}: a permission is 0 to 3");
                return new MemberHistoryChange(new Guid(body[..16], bigEndian: true), body[16], body[17..].ToArray());
            case HistoryChangeKind.Rekey when body.Length == 8:
                var from = BinaryPrimitives.ReadInt64BigEndian(body);
                return from < 0 ? Invalid($"change {index + 1}: the epoch is out of range") : new RekeyHistoryChange(from);
            case HistoryChangeKind.Checkpoint when body.Length == 0:
                return new CheckpointHistoryChange();
            default:
                return Invalid($"change {index + 1} has an unknown kind or a wrong length");
        }
    }

    private static bool? Flag(byte value) => value switch { 0 => false, 1 => true, _ => null };

    /// <summary>A checkpoint only first; then by kind, then by id bytes, each id at most once per kind; one re-key at most.</summary>
    private static string? CheckOrder(List<HistoryChange> changes)
    {
        var start = changes[0] is CheckpointHistoryChange ? 1 : 0;
        for (var i = start; i < changes.Count; i++)
        {
            if (changes[i] is CheckpointHistoryChange) return "a checkpoint change must be the record's first";
            if (i == start) continue;
            var (previous, current) = (changes[i - 1], changes[i]);
            if (current.Kind < previous.Kind) return $"change {i + 1} is out of order (changes are ordered by kind)";
            if (current.Kind == previous.Kind)
            {
                if (current is RekeyHistoryChange) return "a record names at most one re-key";
                var byId = IdBytes(previous).AsSpan().SequenceCompareTo(IdBytes(current));
                if (byId == 0) return $"change {i + 1} names {current.Describe()} twice";
                if (byId > 0) return $"change {i + 1} is out of order (changes of a kind are ordered by id bytes)";
            }
        }

        return null;
    }

    private static byte[] IdBytes(HistoryChange change) => change.Key.Id.ToByteArray(bigEndian: true);

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;
        private int offset;

        public readonly bool AtEnd => offset == bytes.Length;

        public ReadOnlySpan<byte> Field()
        {
            if (bytes.Length - offset < 4) throw new FormatException("the record is truncated");
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[offset..]);
            offset += 4;
            if (length > (uint)(bytes.Length - offset)) throw new FormatException("the record is truncated (a length runs past its end)");
            var field = bytes.Slice(offset, (int)length);
            offset += (int)length;
            return field;
        }

        public ReadOnlySpan<byte> Field(int expectedLength)
        {
            var field = Field();
            if (field.Length != expectedLength) throw new FormatException($"a field of {expectedLength} bytes has {field.Length}");
            return field;
        }

        public long Number(int size, string name)
        {
            var field = Field(size);
            var value = size == 8 ? BinaryPrimitives.ReadUInt64BigEndian(field) : BinaryPrimitives.ReadUInt32BigEndian(field);
            if (value > long.MaxValue) throw new FormatException($"{name} is out of range");
            return (long)value;
        }
    }
}
