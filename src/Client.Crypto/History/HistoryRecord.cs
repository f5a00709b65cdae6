using System.Buffers.Binary;
using System.Security.Cryptography;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.History;

/// <summary>
/// One signed, chained record of a vault's history (docs/crypto-format.md §21.1): what one request changed, signed by its
/// author. Arrays returned by this type are its own: do not modify them.
/// </summary>
public sealed class HistoryRecord
{
    /// <summary>Size of <see cref="Prev"/>, <see cref="Hash"/> and every hash inside a change.</summary>
    public const int HashSize = HistoryFormat.HashSize;

    /// <summary>Size of <see cref="Signature"/>.</summary>
    public const int SignatureSize = Ed25519Signer.SignatureSize;

    private HistoryRecord(
        Guid vaultId, long seq, byte[] prev, Guid authorId, long keyEpoch, long timestamp,
        IReadOnlyList<HistoryChange> changes, byte[] signature, byte[] bytes, int bodyLength)
    {
        VaultId = vaultId;
        Seq = seq;
        Prev = prev;
        AuthorId = authorId;
        KeyEpoch = keyEpoch;
        Timestamp = timestamp;
        Changes = changes;
        Signature = signature;
        Bytes = bytes;
        BodyLength = bodyLength;
        Hash = SHA256.HashData(bytes);
    }

    /// <summary>The 32 zero bytes a vault's first record names as <see cref="Prev"/>.</summary>
    public static ReadOnlySpan<byte> GenesisPrev => new byte[HashSize];

    public Guid VaultId { get; }

    /// <summary>1 for a vault's first record, then + 1 per record.</summary>
    public long Seq { get; }

    /// <summary>The <see cref="Hash"/> of record <see cref="Seq"/> − 1 (32 zero bytes for seq 1).</summary>
    public byte[] Prev { get; }

    public Guid AuthorId { get; }

    /// <summary>The vault's key epoch after this record (for a re-key: the new epoch).</summary>
    public long KeyEpoch { get; }

    /// <summary>Author's clock in Unix milliseconds; informative, never checked.</summary>
    public long Timestamp { get; }

    /// <summary>The changes in canonical order (§21.1): a checkpoint first, then by kind, then by id.</summary>
    public IReadOnlyList<HistoryChange> Changes { get; }

    /// <summary>64-byte Ed25519 signature of the author over the body.</summary>
    public byte[] Signature { get; }

    /// <summary>The whole record as stored and served (body || LP(signature)).</summary>
    public byte[] Bytes { get; }

    /// <summary>recordHash = SHA-256(<see cref="Bytes"/>); the next record's <see cref="Prev"/>.</summary>
    public byte[] Hash { get; }

    /// <summary>Whether the record is a checkpoint (its first change is a <see cref="CheckpointChange"/>).</summary>
    public bool IsCheckpoint => Changes[0] is CheckpointChange;

    /// <summary>The re-key change of the record, if it is a re-key.</summary>
    public RekeyChange? Rekey => Changes.OfType<RekeyChange>().FirstOrDefault();

    /// <summary>The head code of this record (§21.4).</summary>
    public string HeadCode => History.HeadCode.Format(Seq, Hash);

    private int BodyLength { get; }

    /// <summary>
    /// Builds and signs a record with <paramref name="author"/>'s signing key (the author id is the account's user id).
    /// The changes are put in canonical order; <see cref="ArgumentException"/> when they break §21.1 (duplicate ids,
    /// no change, a seq 1 record that is not a checkpoint, wrong hash sizes, a re-key whose epoch is not + 1).
    /// </summary>
    public static HistoryRecord Sign(
        Guid vaultId, long seq, ReadOnlySpan<byte> prev, AccountKeys author, long keyEpoch, long timestamp, IEnumerable<HistoryChange> changes)
    {
        ArgumentNullException.ThrowIfNull(author);
        return Sign(vaultId, seq, prev, author.UserId, keyEpoch, timestamp, changes, author.SigningKey);
    }

    /// <summary>As <see cref="Sign(Guid, long, ReadOnlySpan{byte}, AccountKeys, long, long, IEnumerable{HistoryChange})"/>, with a raw 32-byte Ed25519 seed.</summary>
    public static HistoryRecord Sign(
        Guid vaultId, long seq, ReadOnlySpan<byte> prev, Guid authorId, long keyEpoch, long timestamp, IEnumerable<HistoryChange> changes,
        ReadOnlySpan<byte> ed25519Seed)
    {
        using var key = Ed25519Signer.ImportSeed(ed25519Seed);
        return Sign(vaultId, seq, prev, authorId, keyEpoch, timestamp, changes, key);
    }

    /// <summary>
    /// Parses a record strictly: every length, kind, flag and permission of §21.1, canonical order without repeated ids,
    /// at least one change and nothing after the signature; otherwise <see cref="CryptoFormatException"/>.
    /// The signature is not verified here (<see cref="VerifySignature(PublicKeyBundle)"/>).
    /// </summary>
    public static HistoryRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new FieldReader(bytes);
        if (!reader.Next(HistoryFormat.LabelBytes.Length).SequenceEqual(HistoryFormat.LabelBytes))
        {
            throw new CryptoFormatException("A history record starts with the label pm/v1/history.");
        }

        var vaultId = WireGuid.Read(reader.Next(WireGuid.Size));
        var seq = ReadInt64(reader.Next(sizeof(ulong)), "seq");
        var prev = reader.Next(HashSize).ToArray();
        var authorId = WireGuid.Read(reader.Next(WireGuid.Size));
        var keyEpoch = ReadInt64(reader.Next(sizeof(ulong)), "key epoch");
        var timestamp = ReadInt64(reader.Next(sizeof(ulong)), "timestamp");
        var count = BinaryPrimitives.ReadUInt32BigEndian(reader.Next(sizeof(uint)));
        if (count == 0)
        {
            throw new CryptoFormatException("A history record names at least one change.");
        }

        var changes = new List<HistoryChange>((int)Math.Min(count, 4096));
        for (var i = 0u; i < count; i++)
        {
            changes.Add(HistoryFormat.DecodeChange(reader.Next()) ?? throw new CryptoFormatException($"History change {i + 1} has an unknown kind, size, flag or permission."));
        }

        var bodyLength = reader.Position;
        var signature = reader.Next(SignatureSize).ToArray();
        if (!reader.AtEnd)
        {
            throw new CryptoFormatException("Bytes trail the history record's signature.");
        }

        if (HistoryFormat.StructuralError(seq, prev, keyEpoch, timestamp, changes) is { } error)
        {
            throw new CryptoFormatException($"Invalid history record: {error}");
        }

        return new HistoryRecord(vaultId, seq, prev, authorId, keyEpoch, timestamp, changes.AsReadOnly(), signature, bytes.ToArray(), bodyLength);
    }

    /// <summary>Verifies the signature under <paramref name="authorBundle"/> (the author's pinned bundle), which must be the author's.</summary>
    public void VerifySignature(PublicKeyBundle authorBundle)
    {
        ArgumentNullException.ThrowIfNull(authorBundle);
        if (authorBundle.UserId != AuthorId)
        {
            throw new IdentityMismatchException("The bundle used to verify the history record is not the author's.");
        }

        VerifySignature(authorBundle.Ed25519PublicKey);
    }

    /// <summary>Verifies the signature under a raw 32-byte Ed25519 public key; <see cref="SignatureInvalidException"/> otherwise.</summary>
    public void VerifySignature(ReadOnlySpan<byte> ed25519PublicKey)
    {
        if (!Ed25519Signer.Verify(ed25519PublicKey, Bytes.AsSpan(0, BodyLength), Signature))
        {
            throw new SignatureInvalidException($"The signature of history record {Seq} does not verify under its author's key.");
        }
    }

    private static HistoryRecord Sign(
        Guid vaultId, long seq, ReadOnlySpan<byte> prev, Guid authorId, long keyEpoch, long timestamp, IEnumerable<HistoryChange> changes, Key key)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var ordered = changes.ToList();
        if (ordered.Any(c => c is null))
        {
            throw new ArgumentException("A history change is null.", nameof(changes));
        }

        ordered.Sort(HistoryFormat.Compare);
        if (HistoryFormat.StructuralError(seq, prev, keyEpoch, timestamp, ordered) is { } error)
        {
            throw new ArgumentException($"Invalid history record: {error}", nameof(changes));
        }

        using var body = new MemoryStream();
        HistoryFormat.WriteField(body, HistoryFormat.LabelBytes);
        HistoryFormat.WriteField(body, HistoryFormat.GuidBytes(vaultId));
        HistoryFormat.WriteField(body, HistoryFormat.U64(seq));
        HistoryFormat.WriteField(body, prev);
        HistoryFormat.WriteField(body, HistoryFormat.GuidBytes(authorId));
        HistoryFormat.WriteField(body, HistoryFormat.U64(keyEpoch));
        HistoryFormat.WriteField(body, HistoryFormat.U64(timestamp));
        Span<byte> count = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(count, (uint)ordered.Count);
        HistoryFormat.WriteField(body, count);
        foreach (var change in ordered)
        {
            HistoryFormat.WriteField(body, HistoryFormat.EncodeChange(change));
        }

        var bodyLength = (int)body.Length;
        var signature = Ed25519Signer.Sign(key, body.GetBuffer().AsSpan(0, bodyLength));
        HistoryFormat.WriteField(body, signature);
        return new HistoryRecord(vaultId, seq, prev.ToArray(), authorId, keyEpoch, timestamp, ordered.AsReadOnly(), signature, body.ToArray(), bodyLength);
    }

    private static long ReadInt64(ReadOnlySpan<byte> field, string name)
    {
        var value = BinaryPrimitives.ReadUInt64BigEndian(field);
        return value > long.MaxValue ? throw new CryptoFormatException($"The history record's {name} is out of range.") : (long)value;
    }

    private ref struct FieldReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position == bytes.Length;

        public ReadOnlySpan<byte> Next(int expectedLength = -1)
        {
            if (bytes.Length - Position < sizeof(uint))
            {
                throw new CryptoFormatException("The history record is truncated.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[Position..]);
            if (length > (uint)(bytes.Length - Position - sizeof(uint)))
            {
                throw new CryptoFormatException("A history record field is longer than the record.");
            }

            if (expectedLength >= 0 && length != expectedLength)
            {
                throw new CryptoFormatException($"A history record field is {length} bytes, expected {expectedLength}.");
            }

            var field = bytes.Slice(Position + sizeof(uint), (int)length);
            Position += sizeof(uint) + (int)length;
            return field;
        }
    }
}
