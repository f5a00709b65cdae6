using System.Buffers.Binary;
using System.Security.Cryptography;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.History;

public sealed class HistoryRecordTests
{
    private static readonly byte[] seed = RandomNumberGenerator.GetBytes(32);
    private static readonly Guid vaultId = Guid.NewGuid();
    private static readonly Guid authorId = Guid.NewGuid();

    [Test]
    public void ShouldPutChangesInCanonicalOrderWhateverTheInputOrder()
    {
        var low = new Guid("00000000-0000-0000-0000-000000000001");
        var high = new Guid("ff000000-0000-0000-0000-000000000000");
        HistoryChange[] changes =
        [
            new MemberChange(high, AccessPermission.Read, Hash()),
            TestChain.Entry(high, 1),
            new CheckpointChange(),
            new AttachmentChange(low, high, Deleted: false, Hash()),
            TestChain.Entry(low, 3),
            new MemberChange(authorId, AccessPermission.Admin, Hash()),
        ];

        var forward = Sign(1, changes);
        var backward = Sign(1, changes.Reverse());

        Assert.Multiple(() =>
        {
            Assert.That(backward.Bytes, Is.EqualTo(forward.Bytes));
            Assert.That(forward.Changes.Select(c => c.Kind), Is.EqualTo(new byte[] { 5, 1, 1, 2, 3, 3 }));
            Assert.That(((EntryChange)forward.Changes[1]).EntryId, Is.EqualTo(low));
            Assert.That(forward.IsCheckpoint, Is.True);
        });
    }

    [Test]
    public void ShouldDecodeWhatItSigned()
    {
        var record = Sign(7, [TestChain.Entry(Guid.NewGuid(), 4), EntryChange.Tombstone(Guid.NewGuid(), 2), AttachmentChange.Deletion(Guid.NewGuid(), Guid.NewGuid()), MemberChange.Removal(Guid.NewGuid())]);

        var decoded = HistoryRecord.Decode(record.Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(decoded.VaultId, Is.EqualTo(vaultId));
            Assert.That(decoded.Seq, Is.EqualTo(7));
            Assert.That(decoded.AuthorId, Is.EqualTo(authorId));
            Assert.That(decoded.KeyEpoch, Is.EqualTo(3));
            Assert.That(decoded.Hash, Is.EqualTo(record.Hash));
            Assert.That(decoded.Signature, Is.EqualTo(record.Signature));
            Assert.That(decoded.Changes.Select(c => HistoryRecordBytes.Change(c)), Is.EqualTo(record.Changes.Select(c => HistoryRecordBytes.Change(c))));
            Assert.That(decoded.Changes.OfType<MemberChange>().Single().Permission, Is.Null);
        });
    }

    [Test]
    public void ShouldVerifyOnlyUnderTheAuthorsKey()
    {
        using var author = TestAccounts.Create();
        using var other = TestAccounts.Create();
        var record = HistoryRecord.Sign(vaultId, 2, Hash(), author, 1, 0, [TestChain.Entry(Guid.NewGuid(), 1)]);

        Assert.DoesNotThrow(() => record.VerifySignature(author.PublicBundle));
        Assert.Throws<IdentityMismatchException>(() => record.VerifySignature(other.PublicBundle));
        Assert.Throws<SignatureInvalidException>(() => record.VerifySignature(RandomNumberGenerator.GetBytes(32)));
        for (var offset = 0; offset < record.Bytes.Length; offset += 7)
        {
            var tampered = record.Bytes.ToArray();
            tampered[offset] ^= 0x01;
            try
            {
                HistoryRecord.Decode(tampered).VerifySignature(author.PublicBundle);
                Assert.Fail($"a flipped bit at {offset} went unnoticed");
            }
            catch (CryptoException ex) when (ex is CryptoFormatException or SignatureInvalidException or IdentityMismatchException)
            {
            }
        }
    }

    [Test]
    public void ShouldRefuseToSignAMalformedRecord()
    {
        var id = Guid.NewGuid();
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => Sign(2, []));
            Assert.Throws<ArgumentException>(() => Sign(2, [TestChain.Entry(id, 1), TestChain.Entry(id, 2)]));
            Assert.Throws<ArgumentException>(() => Sign(1, [TestChain.Entry(id, 1)]));
            Assert.Throws<ArgumentException>(() => Sign(2, [new EntryChange(id, 0, false, Hash())]));
            Assert.Throws<ArgumentException>(() => Sign(2, [new EntryChange(id, 1, false, new byte[31])]));
            Assert.Throws<ArgumentException>(() => Sign(2, [new EntryChange(id, 1, Deleted: true, Hash())]));
            Assert.Throws<ArgumentException>(() => Sign(2, [new RekeyChange(1)]));
            Assert.Throws<ArgumentException>(() => Sign(2, [new CheckpointChange(), MemberChange.Removal(id)]));
            Assert.Throws<ArgumentException>(() => Sign(2, [new MemberChange(id, (AccessPermission)4, Hash())]));
        });
    }

    [Test]
    public void ShouldDecodeOnlyTheExactFormat()
    {
        var entry = HistoryRecordBytes.Change(TestChain.Entry(new Guid("10000000-0000-0000-0000-000000000000"), 1));
        var later = HistoryRecordBytes.Change(TestChain.Entry(new Guid("20000000-0000-0000-0000-000000000000"), 1));
        var member = HistoryRecordBytes.Change(new MemberChange(authorId, AccessPermission.Admin, Hash()));
        var valid = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [entry, later]);
        Assert.DoesNotThrow(() => HistoryRecord.Decode(valid));

        var cases = new Dictionary<string, byte[]>
        {
            ["empty"] = [],
            ["trailing byte"] = [.. valid, 0],
            ["truncated"] = valid[..^1],
            ["no change (n = 0)"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, []),
            ["n larger than the changes"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [entry], count: 2),
            ["n smaller than the changes"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [entry, later], count: 1),
            ["bad order"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [later, entry]),
            ["duplicate id"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [entry, entry]),
            ["member before entry"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [member, entry]),
            ["checkpoint not first"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [member, [0x05]]),
            ["two checkpoints"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [[0x05], [0x05], member]),
            ["unknown kind"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [[0x06]]),
            ["kind 0"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [[0x00, .. entry[1..]]]),
            ["deleted flag 2"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [Patch(entry, 25, 2)]),
            ["tombstone with a hash"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [Patch(entry, 25, 1)]),
            ["version 0"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [Patch(entry, 24, 0)]),
            ["version above 2^63 - 1"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [Patch(entry, 17, 0x80)]),
            ["short entry change"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [entry[..^1]]),
            ["permission 4"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [Patch(member, 17, 4)]),
            ["removed member with a hash"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [Patch(member, 17, 0)]),
            ["seq 0"] = HistoryRecordBytes.Build(seed, vaultId, 0, Hash(), authorId, 1, [entry]),
            ["seq 1 not a checkpoint"] = HistoryRecordBytes.Build(seed, vaultId, 1, new byte[32], authorId, 1, [entry]),
            ["seq 1 with a prev"] = HistoryRecordBytes.Build(seed, vaultId, 1, Hash(), authorId, 1, [[0x05], member]),
            ["short prev"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash()[..31], authorId, 1, [entry]),
            ["re-key to the wrong epoch"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 3, [[0x04, 0, 0, 0, 0, 0, 0, 0, 1]]),
            ["wrong label"] = HistoryRecordBytes.Build(seed, vaultId, 2, Hash(), authorId, 1, [entry], label: "pm/v1/historx"u8.ToArray()),
            ["short signature"] = valid[..^5].Also(b => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(b.Length - 63), 59)),
        };

        Assert.Multiple(() =>
        {
            foreach (var (name, bytes) in cases)
            {
                Assert.That(() => HistoryRecord.Decode(bytes), Throws.TypeOf<CryptoFormatException>(), name);
            }
        });
    }

    private static byte[] Patch(byte[] change, int index, byte value)
    {
        var copy = change.ToArray();
        copy[index] = value;
        return copy;
    }

    private static HistoryRecord Sign(long seq, IEnumerable<HistoryChange> changes) =>
        HistoryRecord.Sign(vaultId, seq, seq == 1 ? new byte[32] : Hash(), authorId, 3, 1_767_225_600_000, changes, seed);

    private static byte[] Hash() => RandomNumberGenerator.GetBytes(32);
}

/// <summary>An encoder of §21.1 written from the document, independent of the one under test, to forge records.</summary>
internal static class HistoryRecordBytes
{
    public static byte[] Change(HistoryChange change) => change switch
    {
        EntryChange e => [0x01, .. GuidBytes(e.EntryId), .. U64(e.Version), e.Deleted ? (byte)1 : (byte)0, .. e.CiphertextHash],
        AttachmentChange a => [0x02, .. GuidBytes(a.EntryId), .. GuidBytes(a.AttachmentId), a.Deleted ? (byte)1 : (byte)0, .. a.ContentHash],
        MemberChange m => [0x03, .. GuidBytes(m.UserId), (byte)(m.Permission is { } p ? (int)p : 0), .. m.AccessHash],
        RekeyChange r => [0x04, .. U64(r.FromKeyEpoch)],
        _ => [0x05],
    };

    public static byte[] Build(
        byte[] seed, Guid vaultId, long seq, byte[] prev, Guid authorId, long keyEpoch, IReadOnlyList<byte[]> changes, int? count = null, byte[]? label = null)
    {
        var body = new List<byte>();
        void Field(byte[] field)
        {
            body.AddRange(U32(field.Length));
            body.AddRange(field);
        }

        Field(label ?? "pm/v1/history"u8.ToArray());
        Field(GuidBytes(vaultId));
        Field(U64(seq));
        Field(prev);
        Field(GuidBytes(authorId));
        Field(U64(keyEpoch));
        Field(U64(1_767_225_600_000));
        Field(U32(count ?? changes.Count));
        foreach (var change in changes)
        {
            Field(change);
        }

        var key = NSec.Cryptography.Key.Import(NSec.Cryptography.SignatureAlgorithm.Ed25519, seed, NSec.Cryptography.KeyBlobFormat.RawPrivateKey);
        Field(NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(key, body.ToArray()));
        return [.. body];
    }

    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }

    private static byte[] GuidBytes(Guid id) => id.ToByteArray(bigEndian: true);

    private static byte[] U64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }
}
