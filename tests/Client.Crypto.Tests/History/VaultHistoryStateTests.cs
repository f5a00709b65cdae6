using System.Security.Cryptography;
using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.Tests.History;

public sealed class VaultHistoryStateTests
{
    private TestChain chain = null!;

    [SetUp]
    public void CreateChain() => chain = new TestChain();

    [TearDown]
    public void DisposeChain() => chain.Dispose();

    [Test]
    public void ShouldStartFromTheGenesisCheckpoint()
    {
        Assert.Multiple(() =>
        {
            Assert.That(chain.State.HeadSeq, Is.EqualTo(1));
            Assert.That(chain.State.HeadHash, Is.EqualTo(chain.Genesis.Hash));
            Assert.That(chain.State.KeyEpoch, Is.EqualTo(1));
            Assert.That(chain.State.Members, Has.Count.EqualTo(3));
            Assert.That(chain.State.Members[chain.Writer.UserId].Permission, Is.EqualTo(AccessPermission.Write));
            Assert.That(chain.State.HeadCode, Is.EqualTo(chain.Genesis.HeadCode));
        });
    }

    [Test]
    public void ShouldRefuseAGenesisCheckpointWhoseAuthorIsNotAnAdminInIt()
    {
        var state = VaultHistoryState.Empty(chain.VaultId);
        var record = HistoryRecord.Sign(chain.VaultId, 1, new byte[32], chain.Writer, 1, 0,
            [new CheckpointChange(), TestChain.Member(chain.Writer, AccessPermission.Write), TestChain.Member(chain.Admin, AccessPermission.Admin)]);

        var refusal = Assert.Throws<HistoryVerificationException>(() => state.Apply(record, chain.Pinned))!;

        Assert.Multiple(() =>
        {
            Assert.That(refusal.Reason, Is.EqualTo(HistoryRejection.NotAuthorized));
            Assert.That(state.IsEmpty, Is.True);
        });
    }

    [Test]
    public void ShouldRefuseToStartWithoutACheckpoint()
    {
        var state = VaultHistoryState.Empty(chain.VaultId);
        var record = chain.Next(chain.Writer, [TestChain.Entry(Guid.NewGuid(), 1)]);

        var refusal = Assert.Throws<HistoryVerificationException>(() => state.Apply(record, chain.Pinned))!;

        Assert.That(refusal.Reason, Is.EqualTo(HistoryRejection.MissingCheckpoint));
    }

    [Test]
    public void ShouldRefuseABrokenChain()
    {
        var first = chain.Next(chain.Writer, [TestChain.Entry(Guid.NewGuid(), 1)]);
        var gap = chain.Next(chain.Writer, [TestChain.Entry(Guid.NewGuid(), 1)], after: first);
        var wrongPrev = HistoryRecord.Sign(chain.VaultId, 2, RandomNumberGenerator.GetBytes(32), chain.Writer, 1, 0, [TestChain.Entry(Guid.NewGuid(), 1)]);
        var replay = chain.Genesis;

        chain.Refused(gap, HistoryRejection.BrokenChain);
        chain.Refused(wrongPrev, HistoryRejection.BrokenChain);
        chain.Refused(replay, HistoryRejection.BrokenChain);
        chain.Accept(first);
        Assert.That(chain.State.HeadSeq, Is.EqualTo(2));
    }

    [Test]
    public void ShouldRefuseARecordOfAnotherVault()
    {
        var other = HistoryRecord.Sign(Guid.NewGuid(), 2, chain.State.HeadHash, chain.Writer, 1, 0, [TestChain.Entry(Guid.NewGuid(), 1)]);

        chain.Refused(other, HistoryRejection.WrongVault);
    }

    [Test]
    public void ShouldRefuseAForgedSignatureAndAnUnknownAuthor()
    {
        var forged = HistoryRecord.Sign(chain.VaultId, 2, chain.State.HeadHash, chain.Admin.UserId, 1, 0,
            [TestChain.Entry(Guid.NewGuid(), 1)], RandomNumberGenerator.GetBytes(32));
        var unknown = HistoryRecord.Sign(chain.VaultId, 2, chain.State.HeadHash, Guid.NewGuid(), 1, 0,
            [TestChain.Entry(Guid.NewGuid(), 1)], RandomNumberGenerator.GetBytes(32));

        chain.Refused(forged, HistoryRejection.BadSignature);
        chain.Refused(unknown, HistoryRejection.UnknownAuthor);
    }

    [Test]
    public void ShouldLetWritersWriteEntriesAndNotReadersOrOutsiders()
    {
        var entryId = Guid.NewGuid();

        chain.Refused(chain.Next(chain.Reader, [TestChain.Entry(entryId, 1)]), HistoryRejection.NotAuthorized);
        chain.Refused(chain.Next(chain.Outsider, [TestChain.Entry(entryId, 1)]), HistoryRejection.NotAuthorized);
        chain.Refused(chain.Next(chain.Reader, [new AttachmentChange(entryId, Guid.NewGuid(), false, RandomNumberGenerator.GetBytes(32))]), HistoryRejection.NotAuthorized);
        chain.Write(chain.Writer, TestChain.Entry(entryId, 1));
        chain.Write(chain.Admin, TestChain.Entry(entryId, 2));

        Assert.That(chain.State.Entries[entryId].Version, Is.EqualTo(2));
    }

    [Test]
    public void ShouldLetOnlyAdminsChangeMembersExceptLeavingAndResealing()
    {
        using var newcomer = Support.TestAccounts.Create();

        chain.Refused(chain.Next(chain.Writer, [TestChain.Member(newcomer, AccessPermission.Read)]), HistoryRejection.NotAuthorized);
        chain.Refused(chain.Next(chain.Writer, [TestChain.Member(chain.Writer, AccessPermission.Admin)]), HistoryRejection.NotAuthorized);
        chain.Refused(chain.Next(chain.Writer, [TestChain.Member(chain.Reader, null)]), HistoryRejection.NotAuthorized);
        chain.Refused(chain.Next(chain.Writer, [new RekeyChange(1)], keyEpoch: 2), HistoryRejection.NotAuthorized);
        chain.Write(chain.Writer, TestChain.Member(chain.Writer, AccessPermission.Write));
        chain.Write(chain.Reader, TestChain.Member(chain.Reader, null));
        chain.Write(chain.Admin, TestChain.Member(newcomer, AccessPermission.Read));

        Assert.Multiple(() =>
        {
            Assert.That(chain.State.Members.ContainsKey(chain.Reader.UserId), Is.False);
            Assert.That(chain.State.Members[newcomer.UserId].Permission, Is.EqualTo(AccessPermission.Read));
        });
        chain.Refused(chain.Next(chain.Reader, [TestChain.Entry(Guid.NewGuid(), 1)]), HistoryRejection.NotAuthorized);
        chain.Refused(chain.Next(chain.Admin, [TestChain.Member(chain.Reader, null)]), HistoryRejection.UnknownMember);
    }

    [Test]
    public void ShouldUseThePermissionBeforeTheRecord()
    {
        chain.Refused(chain.Next(chain.Reader, [TestChain.Member(chain.Reader, AccessPermission.Write), TestChain.Entry(Guid.NewGuid(), 1)]), HistoryRejection.NotAuthorized);
        chain.Write(chain.Admin, TestChain.Member(chain.Writer, AccessPermission.Read));

        chain.Refused(chain.Next(chain.Writer, [TestChain.Entry(Guid.NewGuid(), 1)]), HistoryRejection.NotAuthorized);
    }

    [Test]
    public void ShouldRequireEachVersionToFollowTheHeldOne()
    {
        var entryId = Guid.NewGuid();

        chain.Refused(chain.Next(chain.Writer, [TestChain.Entry(entryId, 2)]), HistoryRejection.VersionGap);
        chain.Write(chain.Writer, TestChain.Entry(entryId, 1));
        chain.Refused(chain.Next(chain.Writer, [TestChain.Entry(entryId, 1)]), HistoryRejection.VersionGap);
        chain.Refused(chain.Next(chain.Writer, [TestChain.Entry(entryId, 3)]), HistoryRejection.VersionGap);
        chain.Refused(chain.Next(chain.Writer, [EntryChange.Tombstone(Guid.NewGuid(), 1)]), HistoryRejection.UnknownEntry);
        chain.Write(chain.Writer, EntryChange.Tombstone(entryId, 2));
        chain.Refused(chain.Next(chain.Writer, [EntryChange.Tombstone(entryId, 3)]), HistoryRejection.UnknownEntry);
        chain.Write(chain.Writer, TestChain.Entry(entryId, 3));

        Assert.That(chain.State.Entries[entryId], Has.Property(nameof(HistoryEntry.Deleted)).False.And.Property(nameof(HistoryEntry.Version)).EqualTo(3));
    }

    [Test]
    public void ShouldKeepTheKeyEpochUnlessTheRecordIsARekey()
    {
        chain.Refused(chain.Next(chain.Writer, [TestChain.Entry(Guid.NewGuid(), 1)], keyEpoch: 2), HistoryRejection.EpochMismatch);
        chain.Refused(chain.Next(chain.Admin, [new RekeyChange(2), TestChain.Member(chain.Admin, AccessPermission.Admin)], keyEpoch: 3), HistoryRejection.EpochMismatch);
    }

    [Test]
    public void ShouldTieAttachmentsToLiveEntries()
    {
        var entryId = Guid.NewGuid();
        var attachmentId = Guid.NewGuid();

        chain.Refused(chain.Next(chain.Writer, [new AttachmentChange(entryId, attachmentId, false, RandomNumberGenerator.GetBytes(32))]), HistoryRejection.UnknownEntry);
        chain.Write(chain.Writer, TestChain.Entry(entryId, 1), new AttachmentChange(entryId, attachmentId, false, RandomNumberGenerator.GetBytes(32)));
        chain.Refused(chain.Next(chain.Writer, [AttachmentChange.Deletion(Guid.NewGuid(), attachmentId)]), HistoryRejection.UnknownAttachment);
        chain.Refused(chain.Next(chain.Writer, [AttachmentChange.Deletion(entryId, Guid.NewGuid())]), HistoryRejection.UnknownAttachment);
        chain.Write(chain.Writer, AttachmentChange.Deletion(entryId, attachmentId));

        Assert.That(chain.State.Attachments, Is.Empty);
    }

    [Test]
    public void ShouldRequireARekeyToRestateEveryLiveEntryAttachmentAndMember()
    {
        var (kept, deleted, attachmentId, orphanId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        chain.Write(chain.Writer, TestChain.Entry(kept, 1), TestChain.Entry(deleted, 1));
        chain.Write(chain.Writer, new AttachmentChange(kept, attachmentId, false, RandomNumberGenerator.GetBytes(32)), new AttachmentChange(deleted, orphanId, false, RandomNumberGenerator.GetBytes(32)));
        chain.Write(chain.Writer, EntryChange.Tombstone(deleted, 2));

        HistoryChange[] Rekey(params HistoryChange[] without) =>
        [
            .. new HistoryChange[]
            {
                new RekeyChange(1),
                TestChain.Entry(kept, 2),
                new AttachmentChange(kept, attachmentId, false, RandomNumberGenerator.GetBytes(32)),
                TestChain.Member(chain.Admin, AccessPermission.Admin),
                TestChain.Member(chain.Writer, AccessPermission.Write),
                TestChain.Member(chain.Reader, null),
            }.Where(c => !without.Any(w => w.GetType() == c.GetType() && (w as MemberChange)?.UserId == (c as MemberChange)?.UserId)),
        ];

        chain.Refused(chain.Next(chain.Admin, Rekey(TestChain.Entry(kept, 2)), keyEpoch: 2), HistoryRejection.RekeyIncomplete);
        chain.Refused(chain.Next(chain.Admin, Rekey(new AttachmentChange(kept, attachmentId, false, [])), keyEpoch: 2), HistoryRejection.RekeyIncomplete);
        chain.Refused(chain.Next(chain.Admin, Rekey(TestChain.Member(chain.Reader, null)), keyEpoch: 2), HistoryRejection.RekeyIncomplete);
        chain.Refused(chain.Next(chain.Admin, [.. Rekey(TestChain.Entry(kept, 2)), TestChain.Entry(kept, 1)], keyEpoch: 2), HistoryRejection.VersionGap);
        chain.Refused(chain.Next(chain.Admin, [.. Rekey(), TestChain.Entry(Guid.NewGuid(), 1)], keyEpoch: 2), HistoryRejection.RekeyIncomplete);
        chain.Refused(chain.Next(chain.Admin, [new RekeyChange(0), .. Rekey(new RekeyChange(1))], keyEpoch: 1), HistoryRejection.EpochMismatch);
    }

    [Test]
    public void ShouldApplyACompleteRekey()
    {
        var (kept, deleted, attachmentId, orphanId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        chain.Write(chain.Writer, TestChain.Entry(kept, 1), TestChain.Entry(deleted, 1));
        chain.Write(chain.Writer, new AttachmentChange(kept, attachmentId, false, RandomNumberGenerator.GetBytes(32)), new AttachmentChange(deleted, orphanId, false, RandomNumberGenerator.GetBytes(32)));
        chain.Write(chain.Writer, EntryChange.Tombstone(deleted, 2));
        var newHash = RandomNumberGenerator.GetBytes(32);

        var rekey = chain.Next(chain.Admin,
            [new RekeyChange(1), new EntryChange(kept, 2, false, newHash), new AttachmentChange(kept, attachmentId, false, newHash),
             TestChain.Member(chain.Admin, AccessPermission.Admin), TestChain.Member(chain.Writer, AccessPermission.Write), TestChain.Member(chain.Reader, null)],
            keyEpoch: 2);
        chain.Accept(rekey);

        Assert.Multiple(() =>
        {
            Assert.That(chain.State.KeyEpoch, Is.EqualTo(2));
            Assert.That(chain.State.Entries[kept].CiphertextHash, Is.EqualTo(newHash));
            Assert.That(chain.State.Entries[deleted].Version, Is.EqualTo(2));
            Assert.That(chain.State.Attachments.Keys, Is.EquivalentTo(new[] { attachmentId }));
            Assert.That(chain.State.Members.Keys, Is.EquivalentTo(new[] { chain.Admin.UserId, chain.Writer.UserId }));
        });
        chain.Refused(chain.Next(chain.Writer, [TestChain.Entry(kept, 3)], keyEpoch: 1), HistoryRejection.EpochMismatch);
        chain.Write(chain.Writer, TestChain.Entry(kept, 3));
    }

    [Test]
    public void ShouldAcceptACheckpointOnlyWhenItEqualsTheState()
    {
        var entryId = Guid.NewGuid();
        chain.Write(chain.Writer, TestChain.Entry(entryId, 1), TestChain.Entry(Guid.NewGuid(), 1));
        chain.Write(chain.Writer, EntryChange.Tombstone(entryId, 2));
        var changes = chain.State.CheckpointChanges();

        chain.Refused(chain.Next(chain.Writer, changes), HistoryRejection.NotAuthorized);
        chain.Refused(chain.Next(chain.Admin, changes.Where(c => c is not EntryChange { Deleted: true })), HistoryRejection.CheckpointMismatch);
        chain.Refused(chain.Next(chain.Admin, [.. changes.Where(c => c is not MemberChange m || m.UserId != chain.Reader.UserId), TestChain.Member(chain.Reader, AccessPermission.Admin)]), HistoryRejection.CheckpointMismatch);
        chain.Refused(chain.Next(chain.Admin, changes, keyEpoch: 2), HistoryRejection.EpochMismatch);
        chain.Write(chain.Admin, [.. changes]);

        Assert.That(chain.State.HeadSeq, Is.EqualTo(4));
    }

    [Test]
    public void ShouldLetAFreshDeviceStartAtALaterCheckpointAndFollowTheChain()
    {
        var entryId = Guid.NewGuid();
        chain.Write(chain.Writer, TestChain.Entry(entryId, 1));
        chain.Write(chain.Writer, EntryChange.Tombstone(entryId, 2));
        var checkpoint = chain.Write(chain.Admin, [.. chain.State.CheckpointChanges()]);
        var resurrect = chain.Write(chain.Writer, TestChain.Entry(entryId, 3));

        var fresh = VaultHistoryState.Empty(chain.VaultId);
        fresh.Apply(checkpoint, chain.Pinned);
        fresh.Apply(resurrect, chain.Pinned);

        Assert.Multiple(() =>
        {
            Assert.That(fresh.HeadSeq, Is.EqualTo(chain.State.HeadSeq));
            Assert.That(fresh.HeadHash, Is.EqualTo(chain.State.HeadHash));
            Assert.That(fresh.Entries[entryId].Version, Is.EqualTo(3));
            Assert.That(fresh.CheckpointChanges().Select(HistoryRecordBytes.Change), Is.EqualTo(chain.State.CheckpointChanges().Select(HistoryRecordBytes.Change)));
        });
    }

    [Test]
    public void ShouldCompareWhatTheServerServedWithTheState()
    {
        var (a, b, gone) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ciphertextA = RandomNumberGenerator.GetBytes(100);
        var ciphertextB = RandomNumberGenerator.GetBytes(100);
        chain.Write(chain.Writer, new EntryChange(a, 1, false, HistoryHashes.Ciphertext(ciphertextA)), new EntryChange(b, 1, false, HistoryHashes.Ciphertext(ciphertextB)), TestChain.Entry(gone, 1));
        chain.Write(chain.Writer, EntryChange.Tombstone(gone, 2));
        HeldEntry Held(Guid id, byte[] ciphertext, long version = 1) => new(id, version, false, HistoryHashes.Ciphertext(ciphertext));

        Assert.DoesNotThrow(() => chain.State.VerifyHolds([Held(a, ciphertextA), Held(b, ciphertextB), new HeldEntry(gone, 2, true, null)]));
        Assert.DoesNotThrow(() => chain.State.VerifyHolds([Held(a, ciphertextA), Held(b, ciphertextB)]));
        Assert.Multiple(() =>
        {
            Assert.That(Reason(() => chain.State.VerifyHolds([Held(a, ciphertextA)])), Is.EqualTo(HistoryRejection.WithheldChange));
            Assert.That(Reason(() => chain.State.VerifyHolds([Held(a, ciphertextA), Held(b, ciphertextB), Held(gone, ciphertextA)])), Is.EqualTo(HistoryRejection.WithheldChange));
            Assert.That(Reason(() => chain.State.VerifyHolds([Held(a, ciphertextB), Held(b, ciphertextA)])), Is.EqualTo(HistoryRejection.SwappedCiphertext));
            Assert.That(Reason(() => chain.State.VerifyHolds([Held(a, ciphertextA), Held(b, ciphertextB, 2)])), Is.EqualTo(HistoryRejection.UnrecordedChange));
            Assert.That(Reason(() => chain.State.VerifyHolds([Held(a, ciphertextA), Held(b, ciphertextB), Held(Guid.NewGuid(), ciphertextA)])), Is.EqualTo(HistoryRejection.UnrecordedChange));
        });
    }

    [Test]
    public void ShouldCompareAttachmentsAndMembersWithTheState()
    {
        var (entryId, attachmentId) = (Guid.NewGuid(), Guid.NewGuid());
        var body = RandomNumberGenerator.GetBytes(70_000);
        using var hasher = HistoryHashes.CreateContentHasher();
        foreach (var chunk in body.Chunk(65_536))
        {
            hasher.Append(chunk);
        }

        var streamed = hasher.Finish();
        chain.Write(chain.Writer, TestChain.Entry(entryId, 1), new AttachmentChange(entryId, attachmentId, false, streamed));
        var reader = chain.State.Members[chain.Reader.UserId];

        Assert.Multiple(() =>
        {
            Assert.That(streamed, Is.EqualTo(HistoryHashes.Content(body)));
            Assert.DoesNotThrow(() => chain.State.VerifyAttachments([new HeldAttachment(attachmentId, entryId, HistoryHashes.Content(body))]));
            Assert.DoesNotThrow(() => chain.State.VerifyAttachments([new HeldAttachment(attachmentId, entryId, null)]));
            Assert.That(Reason(() => chain.State.VerifyAttachments([])), Is.EqualTo(HistoryRejection.WithheldChange));
            Assert.That(Reason(() => chain.State.VerifyAttachments([new HeldAttachment(attachmentId, entryId, HistoryHashes.Content(body.AsSpan(1)))])), Is.EqualTo(HistoryRejection.SwappedCiphertext));
            Assert.That(Reason(() => chain.State.VerifyAttachments([new HeldAttachment(attachmentId, Guid.NewGuid(), null)])), Is.EqualTo(HistoryRejection.UnrecordedChange));
            Assert.DoesNotThrow(() => chain.State.CheckMember(chain.Reader.UserId, AccessPermission.Read, reader.AccessHash));
            Assert.That(Reason(() => chain.State.CheckMember(chain.Reader.UserId, AccessPermission.Write, reader.AccessHash)), Is.EqualTo(HistoryRejection.UnrecordedChange));
            Assert.That(Reason(() => chain.State.CheckMember(chain.Outsider.UserId, AccessPermission.Read, reader.AccessHash)), Is.EqualTo(HistoryRejection.UnrecordedChange));
        });
    }

    [Test]
    public void ShouldDetectForksAndRollbacks()
    {
        var second = chain.Write(chain.Writer, TestChain.Entry(Guid.NewGuid(), 1));
        var third = chain.Write(chain.Writer, TestChain.Entry(Guid.NewGuid(), 1));

        Assert.Multiple(() =>
        {
            Assert.That(chain.State.ContainsHead(3, third.Hash), Is.True);
            Assert.That(chain.State.ContainsHead(2, second.Hash.AsSpan(0, HeadCode.PrefixSize)), Is.True);
            Assert.That(chain.State.ContainsHead(1, chain.Genesis.Hash), Is.True);
            Assert.That(chain.State.ContainsHead(2, third.Hash), Is.False);
            Assert.That(chain.State.ContainsHead(4, third.Hash), Is.Null);
            Assert.That(Reason(() => chain.State.CheckServerHead(2, second.Hash)), Is.EqualTo(HistoryRejection.Rollback));
            Assert.That(Reason(() => chain.State.CheckServerHead(3, second.Hash)), Is.EqualTo(HistoryRejection.Fork));
            Assert.That(Reason(() => chain.State.ExpectHead(2, third.Hash)), Is.EqualTo(HistoryRejection.Fork));
        });
        Assert.DoesNotThrow(() => chain.State.CheckServerHead(3, third.Hash));
        Assert.DoesNotThrow(() => chain.State.CheckServerHead(9, third.Hash));

        var fourth = chain.Next(chain.Writer, [TestChain.Entry(Guid.NewGuid(), 1)]);
        var otherFourth = chain.Next(chain.Writer, [TestChain.Entry(Guid.NewGuid(), 1)]);
        Assert.That(HeadCode.TryParse(otherFourth.HeadCode, out var seq, out var prefix), Is.True);
        chain.State.ExpectHead(seq, prefix);
        chain.Refused(fourth, HistoryRejection.Fork);
        chain.Accept(otherFourth);
        Assert.That(chain.State.ExpectedHeads, Is.Empty);
    }

    [Test]
    public void ForgottenExpectedHeadsNoLongerHoldTheChainBack()
    {
        var mistyped = chain.Next(chain.Writer, [TestChain.Entry(Guid.NewGuid(), 1)]);
        chain.State.ExpectHead(mistyped.Seq + 5, mistyped.Hash);
        chain.State.ExpectHead(mistyped.Seq + 6, mistyped.Hash);

        Assert.That(chain.State.ForgetExpectedHeads(), Is.EqualTo(2));
        Assert.That(chain.State.ExpectedHeads, Is.Empty);
        Assert.That(chain.State.ForgetExpectedHeads(), Is.Zero);
        Assert.That(Reason(() => chain.State.ExpectHead(1, mistyped.Hash)), Is.EqualTo(HistoryRejection.Fork), "a verified record still cannot be forgotten into a fork");
    }

    [Test]
    public void ShouldExportAndImportTheWholeState()
    {
        var (entryId, attachmentId) = (Guid.NewGuid(), Guid.NewGuid());
        chain.Write(chain.Writer, TestChain.Entry(entryId, 1), new AttachmentChange(entryId, attachmentId, false, RandomNumberGenerator.GetBytes(32)), TestChain.Entry(Guid.NewGuid(), 1));
        chain.Write(chain.Writer, EntryChange.Tombstone(entryId, 2));
        var pending = chain.Next(chain.Writer, [TestChain.Entry(Guid.NewGuid(), 1)], after: chain.Next(chain.Writer, [TestChain.Entry(Guid.NewGuid(), 1)]));
        chain.State.ExpectHead(pending.Seq, pending.Hash);
        var exported = chain.State.Export();

        var imported = VaultHistoryState.Import(exported);
        var next = chain.Next(chain.Admin, [TestChain.Member(chain.Reader, null)]);
        imported.Apply(next, chain.Pinned);
        chain.Accept(next);

        Assert.Multiple(() =>
        {
            Assert.That(VaultHistoryState.Import(exported).Export(), Is.EqualTo(exported));
            Assert.That(imported.Export(), Is.EqualTo(chain.State.Export()));
            Assert.That(imported.VaultId, Is.EqualTo(chain.VaultId));
            Assert.That(imported.Entries[entryId].Deleted, Is.True);
            Assert.That(imported.Attachments[attachmentId].EntryId, Is.EqualTo(entryId));
            Assert.That(imported.ExpectedHeads.Keys, Is.EquivalentTo(new[] { pending.Seq }));
            Assert.That(imported.ContainsHead(1, chain.Genesis.Hash), Is.True);
            Assert.That(VaultHistoryState.Import(VaultHistoryState.Empty(chain.VaultId).Export()).IsEmpty, Is.True);
            Assert.That(() => VaultHistoryState.Import([.. exported, 0]), Throws.TypeOf<CryptoFormatException>());
            Assert.That(() => VaultHistoryState.Import(exported.AsSpan(..^1)), Throws.TypeOf<CryptoFormatException>());
            Assert.That(() => VaultHistoryState.Import([]), Throws.TypeOf<CryptoFormatException>());
        });
    }

    private static string Reason(Action action) => Assert.Throws<HistoryVerificationException>(action)!.Reason;
}
