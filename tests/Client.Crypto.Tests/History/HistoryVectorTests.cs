using System.Security.Cryptography;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.History;

/// <summary>The vault history vectors of docs/crypto-format.md §13.13, read from the document itself.</summary>
public sealed class HistoryVectorTests
{
    private static Guid VaultId => KatFile.Guid("vault_id");

    private static Guid UserId => KatFile.Guid("user_id");

    private static Guid EntryId => KatFile.Guid("entry_id");

    [Test]
    public void ShouldHashTheAccessRecordAndTheCiphertext()
    {
        var accessHash = HistoryHashes.AccessRecord(VaultId, UserId, 1, AccessPermission.Admin, KatFile.Hex("wrapped_key"));

        Assert.Multiple(() =>
        {
            Assert.That(accessHash, Is.EqualTo(KatFile.Hex("history_access_hash")));
            Assert.That(accessHash, Is.EqualTo(SHA256.HashData(KatFile.Hex("access_message"))));
            Assert.That(HistoryHashes.Ciphertext(KatFile.Hex("entry_ciphertext")), Is.EqualTo(KatFile.Hex("history_ciphertext_hash")));
        });
    }

    [Test]
    public void ShouldSignTheGenesisCheckpointAndTheEntryRecord()
    {
        var seed = KatFile.Hex("ed25519_seed");
        var first = HistoryRecord.Sign(
            VaultId, 1, new byte[32], UserId, 1, 1_767_225_600_000,
            [new MemberChange(UserId, AccessPermission.Admin, KatFile.Hex("history_access_hash")), new CheckpointChange()], seed);
        var second = HistoryRecord.Sign(
            VaultId, 2, first.Hash, UserId, 1, 1_767_225_660_000,
            [new EntryChange(EntryId, 1, Deleted: false, KatFile.Hex("history_ciphertext_hash"))], seed);

        Assert.Multiple(() =>
        {
            Assert.That(first.Bytes, Is.EqualTo(KatFile.Hex("history_record_1")));
            Assert.That(first.Hash, Is.EqualTo(KatFile.Hex("history_record_hash_1")));
            Assert.That(first.HeadCode, Is.EqualTo(KatFile.Text("history_head_code_1")));
            Assert.That(second.Bytes, Is.EqualTo(KatFile.Hex("history_record_2")));
            Assert.That(second.Hash, Is.EqualTo(KatFile.Hex("history_record_hash_2")));
            Assert.That(second.HeadCode, Is.EqualTo(KatFile.Text("history_head_code_2")));
        });
    }

    [Test]
    public void ShouldDecodeVerifyAndApplyTheVectorRecords()
    {
        var first = HistoryRecord.Decode(KatFile.Hex("history_record_1"));
        var second = HistoryRecord.Decode(KatFile.Hex("history_record_2"));
        var publicKey = KatFile.Hex("ed25519_public");
        var state = VaultHistoryState.Empty(VaultId);

        first.VerifySignature(publicKey);
        second.VerifySignature(publicKey);
        state.Apply(first, _ => publicKey);
        state.Apply(second, _ => publicKey);

        Assert.Multiple(() =>
        {
            Assert.That(first.Seq, Is.EqualTo(1));
            Assert.That(first.IsCheckpoint, Is.True);
            Assert.That(first.AuthorId, Is.EqualTo(UserId));
            Assert.That(first.Timestamp, Is.EqualTo(1_767_225_600_000));
            Assert.That(second.Prev, Is.EqualTo(KatFile.Hex("history_record_hash_1")));
            Assert.That(second.Changes, Has.Count.EqualTo(1));
            Assert.That(state.HeadSeq, Is.EqualTo(2));
            Assert.That(state.HeadHash, Is.EqualTo(KatFile.Hex("history_record_hash_2")));
            Assert.That(state.HeadCode, Is.EqualTo(KatFile.Text("history_head_code_2")));
            Assert.That(state.Members[UserId].Permission, Is.EqualTo(AccessPermission.Admin));
            Assert.That(state.Entries[EntryId].Version, Is.EqualTo(1));
        });
        Assert.DoesNotThrow(() => state.CheckEntry(EntryId, 1, deleted: false, HistoryHashes.Ciphertext(KatFile.Hex("entry_ciphertext"))));
    }

    [Test]
    public void ShouldParseTheVectorHeadCodeCaseInsensitively()
    {
        var code = KatFile.Text("history_head_code_2");
        var hash = KatFile.Hex("history_record_hash_2");

        Assert.Multiple(() =>
        {
            Assert.That(HeadCode.TryParse(code, out var seq, out var prefix), Is.True);
            Assert.That(seq, Is.EqualTo(2));
            Assert.That(prefix, Is.EqualTo(hash[..10]));
            Assert.That(HeadCode.TryParse(code.ToLowerInvariant(), out _, out var lower), Is.True);
            Assert.That(lower, Is.EqualTo(hash[..10]));
        });
    }
}
