using System.Net;
using System.Net.Http.Json;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Keys.Contracts;
using PasswordManager.Client.Sdk.Sharing;
using PasswordManager.Client.Sdk.Sharing.Contracts;
using PasswordManager.Client.Sdk.Tests.Support;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Tests.Sharing;

/// <summary>Sharing against a stub server that plays a malicious one: substituted keys, non-admin granters, replayed records.</summary>
public sealed class SharingTests
{
    [Test]
    public async Task ShouldShareWithThePinnedKeyAndSignARecordTheRecipientCanOpen()
    {
        using var world = await World.CreateAsync();
        using var bob = AccountKeys.Create(Guid.NewGuid());
        world.Directory("bob", bob.PublicBundle);
        GrantAccessRequest? sent = null;
        world.Server.On($"POST /api/v1/vaults/{world.VaultId}/members", async request =>
        {
            sent = await request.Content!.ReadFromJsonAsync<GrantAccessRequest>(SdkJson.Options);
            return StubServer.Json(HttpStatusCode.Created, new MemberRecord(bob.UserId, sent!.Permission, sent.KeyEpoch, sent.WrappedKey, world.Keys.UserId, sent.GranterSignature));
        });

        var member = await world.Sharing.ShareAsync(world.VaultId, "bob", VaultPermission.Write);

        Assert.That(member.Key, Is.EqualTo(PinState.PinnedOnFirstUse));
        Assert.That(world.Pins.Find(bob.UserId)!.Bundle, Is.EqualTo(bob.PublicBundle.ToArray()));
        var grant = new AccessGrant(world.VaultId, bob.UserId, 1, AccessPermission.Write, world.Keys.UserId, sent!.WrappedKey, sent.GranterSignature);
        using var opened = VaultKey.Unwrap(grant, world.Keys.PublicBundle, bob);
        Assert.That(opened.Epoch, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldRefuseToShareWhenTheServerSubstitutesThePinnedKey()
    {
        using var world = await World.CreateAsync();
        using var bob = AccountKeys.Create(Guid.NewGuid());
        using var attacker = AccountKeys.Create(bob.UserId);
        world.Pins.Save(new PinnedKey(bob.UserId, "bob", bob.PublicBundle.ToArray(), DateTimeOffset.UtcNow, Verified: true));
        world.Directory("bob", attacker.PublicBundle);

        var refused = Assert.ThrowsAsync<KeyChangedException>(() => world.Sharing.ShareAsync(world.VaultId, "bob", VaultPermission.Read));

        Assert.That(refused!.CurrentFingerprint, Is.EqualTo(attacker.PublicBundle.Fingerprint));
        Assert.That(world.Server.Count($"POST /api/v1/vaults/{world.VaultId}/members"), Is.Zero);
        Assert.That(world.Pins.Find(bob.UserId)!.Bundle, Is.EqualTo(bob.PublicBundle.ToArray()), "the pin is not replaced");
    }

    [TestCase(VaultPermission.Admin, 1, null)]
    [TestCase(VaultPermission.Write, 1, "not an admin")]
    [TestCase(VaultPermission.Admin, 2, "epoch 1, but the vault is at epoch 2")]
    public async Task ShouldOpenASharedVaultOnlyWhenItsRecordChecksOut(VaultPermission granterPermission, long vaultEpoch, string? refusal)
    {
        using var alice = AccountKeys.Create(Guid.NewGuid());
        using var bob = AccountKeys.Create(Guid.NewGuid());
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var aliceRecord = key.WrapFor(alice.PublicBundle, (AccessPermission)(int)granterPermission, alice);
        var bobRecord = key.WrapFor(bob.PublicBundle, AccessPermission.Read, alice);
        var summary = new VaultSummary(key.VaultId, VaultKind.Shared, 3, vaultEpoch, VaultMetadataCipher.Encrypt(key, """{"name":"Team"}"""u8), DateTimeOffset.UtcNow,
            new MemberAccess(bob.UserId, VaultPermission.Read, 1, bobRecord.WrappedKey, alice.UserId, bobRecord.Signature));
        using var server = new StubServer();
        server.OnJson("GET /api/v1/vaults", new VaultList([summary]));
        server.OnJson($"GET /api/v1/directory/user-ids/{alice.UserId}/public-key", new PublicKeyDirectoryEntry(alice.UserId, "alice", alice.PublicBundle.ToArray()));
        server.OnJson($"GET /api/v1/vaults/{key.VaultId}/members", new MemberList(vaultEpoch,
        [
            new MemberRecord(alice.UserId, granterPermission, 1, aliceRecord.WrappedKey, alice.UserId, aliceRecord.Signature),
            new MemberRecord(bob.UserId, VaultPermission.Read, 1, bobRecord.WrappedKey, alice.UserId, bobRecord.Signature),
        ]));
        using var client = server.CreateClient(await World.TokensAsync());
        using var operations = client.OpenVaults(bob);

        var listing = await operations.ListVaultsAsync();

        if (refusal is null)
        {
            Assert.That(listing.Vaults.Single().Name, Is.EqualTo("Team"));
            Assert.That(listing.Skipped, Is.Empty);
        }
        else
        {
            Assert.That(listing.Vaults, Is.Empty);
            Assert.That(listing.Skipped.Single().Reason, Does.Contain(refusal));
        }
    }

    [Test]
    public async Task ShouldRefuseARecordWhoseSignatureDoesNotVerify()
    {
        using var alice = AccountKeys.Create(Guid.NewGuid());
        using var bob = AccountKeys.Create(Guid.NewGuid());
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var bobRecord = key.WrapFor(bob.PublicBundle, AccessPermission.Read, alice);
        var tampered = bobRecord.Signature.ToArray();
        tampered[0] ^= 1;
        var summary = new VaultSummary(key.VaultId, VaultKind.Shared, 3, 1, null, DateTimeOffset.UtcNow,
            new MemberAccess(bob.UserId, VaultPermission.Read, 1, bobRecord.WrappedKey, alice.UserId, tampered));
        using var server = new StubServer();
        server.OnJson("GET /api/v1/vaults", new VaultList([summary]));
        server.OnJson($"GET /api/v1/directory/user-ids/{alice.UserId}/public-key", new PublicKeyDirectoryEntry(alice.UserId, "alice", alice.PublicBundle.ToArray()));
        using var client = server.CreateClient(await World.TokensAsync());
        using var operations = client.OpenVaults(bob);

        var listing = await operations.ListVaultsAsync();

        Assert.That(listing.Vaults, Is.Empty);
        Assert.That(listing.Skipped.Single().Reason, Does.Contain("signature is invalid"));
    }

    /// <summary>alice with one self-granted vault, a stub server, pins in memory, and the SDK's sharing over them.</summary>
    [Test]
    public async Task ShouldMoveAPinAlongAChainOfSignedHandoversAndKeepItCompared()
    {
        using var world = await World.CreateAsync();
        using var bob0 = AccountKeys.Create(Guid.NewGuid());
        using var bob1 = bob0.WithNewKeyPairs();
        using var bob2 = bob1.WithNewKeyPairs();
        world.Pins.Save(new PinnedKey(bob0.UserId, "bob", bob0.PublicBundle.ToArray(), DateTimeOffset.UtcNow, Verified: true));
        world.Server.OnJson(
            "GET /api/v1/directory/users/bob/public-key",
            new PublicKeyDirectoryEntry(bob0.UserId, "bob", bob2.PublicBundle.ToArray(), [KeyHandover.Create(bob0, bob1), KeyHandover.Create(bob1, bob2)]));

        var key = await world.Sharing.Trust.RequireAsync("bob");

        Assert.That(key.State, Is.EqualTo(PinState.Verified));
        Assert.That(key.Bundle.Matches(bob2.PublicBundle), Is.True);
        Assert.That(world.Pins.Find(bob0.UserId)!.Bundle, Is.EqualTo(bob2.PublicBundle.ToArray()));
        Assert.That(world.Pins.Find(bob0.UserId)!.Verified, Is.True);
    }

    [Test]
    public async Task ShouldRefuseAKeyChangeWhoseHandoverDoesNotVerifyFromThePin()
    {
        using var world = await World.CreateAsync();
        using var bob = AccountKeys.Create(Guid.NewGuid());
        using var rotated = bob.WithNewKeyPairs();
        using var attacker = AccountKeys.Create(bob.UserId);
        world.Pins.Save(new PinnedKey(bob.UserId, "bob", bob.PublicBundle.ToArray(), DateTimeOffset.UtcNow, Verified: false));
        var genuine = KeyHandover.Create(bob, rotated);
        var tampered = genuine.ToArray();
        attacker.PublicBundle.ToArray().CopyTo(tampered, 1 + PublicKeyBundle.Size);
        using var forger = AccountKeys.Create(bob.UserId);
        world.Server.OnJson(
            "GET /api/v1/directory/users/bob/public-key",
            new PublicKeyDirectoryEntry(bob.UserId, "bob", attacker.PublicBundle.ToArray(), [genuine, tampered, KeyHandover.Create(forger, attacker)]));

        var refused = Assert.ThrowsAsync<KeyChangedException>(() => world.Sharing.Trust.RequireAsync("bob"));

        Assert.That(refused!.CurrentFingerprint, Is.EqualTo(attacker.PublicBundle.Fingerprint));
        Assert.That(world.Pins.Find(bob.UserId)!.Bundle, Is.EqualTo(bob.PublicBundle.ToArray()), "the pin stays where it was");
    }

    private sealed class World : IDisposable
    {
        private readonly VaultKey key;
        private readonly PmClient client;
        private readonly PasswordManager.Client.Sdk.Vault.VaultOperations vaults;

        private World(AccountKeys keys, VaultKey key, StubServer server, PmClient client)
        {
            Keys = keys;
            this.key = key;
            Server = server;
            this.client = client;
            vaults = client.OpenVaults(keys, Pins, "alice");
            Sharing = client.OpenSharing(vaults);
        }

        public AccountKeys Keys { get; }

        public Guid VaultId => key.VaultId;

        public StubServer Server { get; }

        public InMemoryPinnedKeyStore Pins { get; } = new();

        public SharingOperations Sharing { get; }

        public static async Task<InMemoryTokenStore> TokensAsync()
        {
            var store = new InMemoryTokenStore();
            await store.SaveAsync(new SessionTokens(Guid.NewGuid(), "refresh", "access", DateTimeOffset.UtcNow.AddHours(1)), default);
            return store;
        }

        public static async Task<World> CreateAsync()
        {
            var keys = AccountKeys.Create(Guid.NewGuid());
            var key = VaultKey.Create(Guid.NewGuid(), 1);
            var grant = key.WrapFor(keys.PublicBundle, AccessPermission.Admin, keys);
            var summary = new VaultSummary(key.VaultId, VaultKind.Shared, 1, 1, null, DateTimeOffset.UtcNow,
                new MemberAccess(keys.UserId, VaultPermission.Admin, 1, grant.WrappedKey, keys.UserId, grant.Signature));
            var server = new StubServer();
            server.OnJson($"GET /api/v1/vaults/{key.VaultId}", summary);
            return new World(keys, key, server, server.CreateClient(await TokensAsync()));
        }

        public void Directory(string username, PublicKeyBundle bundle) =>
            Server.OnJson($"GET /api/v1/directory/users/{username}/public-key", new PublicKeyDirectoryEntry(bundle.UserId, username, bundle.ToArray()));

        public void Dispose()
        {
            vaults.Dispose();
            client.Dispose();
            Server.Dispose();
            key.Dispose();
            Keys.Dispose();
        }
    }
}
