using PasswordManager.Client.Crypto.History;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Keys.Contracts;
using PasswordManager.Client.Sdk.Tests.Support;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault.History;

namespace PasswordManager.Client.Sdk.Tests.Vault;

/// <summary>
/// Records signed before a key rotation verify on a device that only knows the author's new key, through the back-links
/// the new key signed (docs/crypto-format.md §6.1, §21.2 step 2); a key the server invents, a version-1 statement or an
/// old key signing after its successor do not.
/// </summary>
public sealed class HistoryLineageTests
{
    private readonly Guid vaultId = Guid.NewGuid();

    [Test]
    public async Task AFreshDeviceVerifiesRecordsTheAuthorSignedBeforeItsRotation()
    {
        using var alice0 = AccountKeys.Create(Guid.NewGuid());
        using var alice1 = alice0.WithNewKeyPairs();
        using var bob = AccountKeys.Create(Guid.NewGuid());
        var chain = Chain(alice0.UserId, bob, [alice0, alice0, alice1]);
        using var device = Device(bob, Directory(alice1, [KeyHandover.Create(alice0, alice1)]));

        await device.Verify(vaultId, chain);

        Assert.Multiple(() =>
        {
            Assert.That(device.Book.State(vaultId)!.HeadSeq, Is.EqualTo(3));
            Assert.That(device.Pins.Find(alice0.UserId)!.Bundle, Is.EqualTo(alice1.PublicBundle.ToArray()), "the pin is the current bundle");
            Assert.That(device.Book.Find(vaultId)!.AuthorKeys[alice0.UserId], Is.EqualTo(alice1.PublicBundle.ToArray()));
        });
    }

    [Test]
    public async Task AFreshDeviceAsksTheDirectoryAboutAnAuthorAFewTimesPerSyncNotOncePerRecord()
    {
        using var alice0 = AccountKeys.Create(Guid.NewGuid());
        using var alice1 = alice0.WithNewKeyPairs();
        using var bob = AccountKeys.Create(Guid.NewGuid());
        var chain = Chain(alice0.UserId, bob, [.. Enumerable.Repeat(alice0, 30), alice1]);
        using var device = Device(bob, Directory(alice1, [KeyHandover.Create(alice0, alice1)]));

        await device.Verify(vaultId, chain);

        Assert.That(device.DirectoryRequests(alice0.UserId), Is.LessThanOrEqualTo(3), "first use, one forward check, one lineage");
    }

    [Test]
    public async Task TheLineageReachesBackOverSeveralRotations()
    {
        using var alice0 = AccountKeys.Create(Guid.NewGuid());
        using var alice1 = alice0.WithNewKeyPairs();
        using var alice2 = alice1.WithNewKeyPairs();
        using var bob = AccountKeys.Create(Guid.NewGuid());
        var chain = Chain(alice0.UserId, bob, [alice0, alice1, alice2, alice2]);
        using var device = Device(bob, Directory(alice2, [KeyHandover.Create(alice0, alice1), KeyHandover.Create(alice1, alice2)]));

        await device.Verify(vaultId, chain);

        Assert.That(device.Book.State(vaultId)!.HeadSeq, Is.EqualTo(4));
    }

    [Test]
    public async Task TheAuthorsOwnFreshDeviceVerifiesItsOwnRecordsSignedWithItsEarlierKey()
    {
        using var alice0 = AccountKeys.Create(Guid.NewGuid());
        using var alice1 = alice0.WithNewKeyPairs();
        using var bob = AccountKeys.Create(Guid.NewGuid());
        var chain = Chain(alice0.UserId, bob, [alice0, alice0, alice1]);
        using var device = Device(alice1, Directory(alice1, [KeyHandover.Create(alice0, alice1)]));

        await device.Verify(vaultId, chain);

        Assert.That(device.Book.State(vaultId)!.HeadSeq, Is.EqualTo(3));
    }

    [Test]
    public async Task AVersion1HandoverDoesNotVouchForTheOldKeyBackwards()
    {
        using var alice0 = new RawSigner(Guid.NewGuid());
        using var alice1 = AccountKeys.Create(alice0.UserId);
        using var bob = AccountKeys.Create(Guid.NewGuid());
        var chain = Chain(alice0.UserId, bob, [alice0, alice1]);
        using var device = Device(bob, Directory(alice1, [alice0.HandoverV1To(alice1.PublicBundle)]));

        var refused = Assert.ThrowsAsync<HistoryVerificationException>(() => device.Verify(vaultId, chain));

        Assert.That(refused!.Reason, Is.EqualTo(HistoryRejection.BadSignature));
        Assert.That(refused.Seq, Is.EqualTo(1));
        Assert.That(device.Book.State(vaultId), Is.Null, "nothing is held");
    }

    [Test]
    public async Task RecordsSignedByAKeyTheServerInventedAreRefused()
    {
        using var alice = AccountKeys.Create(Guid.NewGuid());
        using var invented = new RawSigner(alice.UserId);
        using var inventedOld = AccountKeys.Create(alice.UserId);
        using var inventedNew = AccountKeys.Create(alice.UserId);
        using var bob = AccountKeys.Create(Guid.NewGuid());
        // A version-1 statement invented → alice's bundle signed by the invented key, and a version-2 one whose back-link the
        // invented keys signed, with alice's bundle put in as the new one.
        var forgedBackLink = KeyHandover.Create(inventedOld, inventedNew);
        alice.PublicBundle.ToArray().CopyTo(forgedBackLink, 1 + PublicKeyBundle.Size);
        var chain = Chain(alice.UserId, bob, [invented, invented]);
        using var device = Device(bob, Directory(alice, [invented.HandoverV1To(alice.PublicBundle), forgedBackLink]));

        var refused = Assert.ThrowsAsync<HistoryVerificationException>(() => device.Verify(vaultId, chain));

        Assert.That(refused!.Reason, Is.EqualTo(HistoryRejection.BadSignature));
        Assert.That(refused.Message, Does.Contain(vaultId.ToString()));
        Assert.That(device.Book.State(vaultId), Is.Null);
    }

    [Test]
    public async Task AnOldKeySigningAfterItsSuccessorIsRefused()
    {
        using var alice0 = AccountKeys.Create(Guid.NewGuid());
        using var alice1 = alice0.WithNewKeyPairs();
        using var bob = AccountKeys.Create(Guid.NewGuid());
        var chain = Chain(alice0.UserId, bob, [alice0, alice1, alice0]);
        using var device = Device(bob, Directory(alice1, [KeyHandover.Create(alice0, alice1)]));

        var refused = Assert.ThrowsAsync<HistoryVerificationException>(() => device.Verify(vaultId, chain));

        Assert.That(refused!.Reason, Is.EqualTo(HistoryRejection.BadSignature));
        Assert.That(refused.Seq, Is.EqualTo(3));
        Assert.That(refused.Message, Does.Contain("earlier key"));
    }

    [Test]
    public async Task AnOldKeySigningAfterItsSuccessorIsRefusedInALaterSyncToo()
    {
        using var alice0 = AccountKeys.Create(Guid.NewGuid());
        using var alice1 = alice0.WithNewKeyPairs();
        using var bob = AccountKeys.Create(Guid.NewGuid());
        var chain = Chain(alice0.UserId, bob, [alice0, alice1, alice0]);
        using var device = Device(bob, Directory(alice1, [KeyHandover.Create(alice0, alice1)]));
        await device.Verify(vaultId, chain[..2]);

        var refused = Assert.ThrowsAsync<HistoryVerificationException>(() => device.Verify(vaultId, chain));

        Assert.That(refused!.Seq, Is.EqualTo(3));
        Assert.That(device.Book.State(vaultId)!.HeadSeq, Is.EqualTo(2), "the held head stays where it was");
    }

    [Test]
    public async Task ADeviceThatPinnedTheOldKeyMovesForwardAndStillAcceptsTheOldKeysEarlierRecords()
    {
        using var alice0 = AccountKeys.Create(Guid.NewGuid());
        using var alice1 = alice0.WithNewKeyPairs();
        using var bob = AccountKeys.Create(Guid.NewGuid());
        var chain = Chain(alice0.UserId, bob, [alice0, alice0, alice1, alice1]);
        using var device = Device(bob, Directory(alice1, [KeyHandover.Create(alice0, alice1)]));
        device.Pins.Save(new PinnedKey(alice0.UserId, "alice", alice0.PublicBundle.ToArray(), DateTimeOffset.UtcNow, Verified: true));

        await device.Verify(vaultId, chain);

        Assert.Multiple(() =>
        {
            Assert.That(device.Book.State(vaultId)!.HeadSeq, Is.EqualTo(4));
            Assert.That(device.Pins.Find(alice0.UserId)!.Bundle, Is.EqualTo(alice1.PublicBundle.ToArray()));
            Assert.That(device.Pins.Find(alice0.UserId)!.Verified, Is.True);
        });
    }

    /// <summary>A genesis checkpoint (<paramref name="creator"/> admin, <paramref name="member"/> write), then one entry per author.</summary>
    private HistoryRecord[] Chain(Guid creator, AccountKeys member, object[] authors)
    {
        var records = new List<HistoryRecord>();
        for (var i = 0; i < authors.Length; i++)
        {
            var prev = i == 0 ? HistoryRecord.GenesisPrev.ToArray() : records[^1].Hash;
            HistoryChange[] changes = i == 0
                ?
                [
                    new CheckpointChange(),
                    new MemberChange(creator, AccessPermission.Admin, Hash(1)),
                    new MemberChange(member.UserId, AccessPermission.Write, Hash(2)),
                ]
                : [new EntryChange(Guid.NewGuid(), 1, Deleted: false, Hash(3))];
            var timestamp = 1_767_225_600_000 + i;
            records.Add(authors[i] switch
            {
                AccountKeys keys => HistoryRecord.Sign(vaultId, i + 1, prev, keys, 1, timestamp, changes),
                RawSigner raw => HistoryRecord.Sign(vaultId, i + 1, prev, raw.UserId, 1, timestamp, changes, raw.Seed),
                _ => throw new ArgumentException("An author is AccountKeys or a RawSigner.", nameof(authors)),
            });
        }

        return [.. records];
    }

    private static byte[] Hash(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    private static PublicKeyDirectoryEntry Directory(AccountKeys current, IReadOnlyList<byte[]> handovers) =>
        new(current.UserId, "alice", current.PublicBundle.ToArray(), handovers);

    private static TestDevice Device(AccountKeys owner, PublicKeyDirectoryEntry alice)
    {
        var server = new StubServer();
        server.OnJson($"GET /api/v1/directory/user-ids/{alice.UserId}/public-key", alice);
        var tokens = new InMemoryTokenStore();
        tokens.SaveAsync(new SessionTokens(owner.UserId, "refresh", "access", DateTimeOffset.UtcNow.AddHours(1)), default).AsTask().Wait();
        return new TestDevice(server, server.CreateClient(tokens), owner);
    }

    private sealed class TestDevice : IDisposable
    {
        private readonly StubServer server;
        private readonly PmClient client;
        private readonly Sdk.Vault.VaultOperations vaults;

        public TestDevice(StubServer server, PmClient client, AccountKeys owner)
        {
            this.server = server;
            this.client = client;
            vaults = client.OpenVaults(owner, Pins, "device");
        }

        public InMemoryPinnedKeyStore Pins { get; } = new();

        public int DirectoryRequests(Guid userId) => server.Count($"GET /api/v1/directory/user-ids/{userId}/public-key");

        internal VaultHistoryBook Book => vaults.History;

        public Task Verify(Guid vaultId, HistoryRecord[] records) =>
            Book.VerifyAsync(
                vaultId, [.. records.Select(r => new HistoryRecordItem(r.Seq, r.Bytes))], new HistoryHeadItem(records[^1].Seq, records[^1].Hash), default);

        public void Dispose()
        {
            vaults.Dispose();
            client.Dispose();
            server.Dispose();
        }
    }
}
