using System.Net;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Tests.Support;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Tests.Vault;

/// <summary>Sync and writes against a fake server that serves real ciphertexts (and, where the test says so, lies).</summary>
public sealed class VaultSyncTests
{
    private const string syncRoute = "GET /api/v1/sync";

    [Test]
    public async Task SyncFollowsPagesFetchesNonInlineCiphertextsAndKeepsTheCursor()
    {
        using var world = await World.CreateAsync();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        world.Server.On(syncRoute, request => Task.FromResult(request.RequestUri!.Query.Contains("cursor=c1", StringComparison.Ordinal)
            ? StubServer.Json(HttpStatusCode.OK, new SyncChangesResult("c2", false, [], [], [new SyncedEntry(world.State(b, 1), false, null)]))
            : StubServer.Json(HttpStatusCode.OK, new SyncChangesResult("c1", true, [world.Summary], [], [world.Synced(a, 1, "A")]))));
        world.Server.OnJson($"POST /api/v1/vaults/{world.VaultId}/entries/fetch", new FetchEntriesResult([new EntryDetails(world.State(b, 1), world.Encrypt(b, 1, "B"))]));
        var cache = LocalVaultCache.Empty(world.Keys.UserId);

        var report = await world.Operations.SyncAsync(cache);

        Assert.Multiple(() =>
        {
            Assert.That(report.Pages, Is.EqualTo(2));
            Assert.That(report.FullSync, Is.True);
            Assert.That(report.EntriesUpdated, Is.EqualTo(2));
            Assert.That(report.Suspicious, Is.False);
            Assert.That(cache.Cursor, Is.EqualTo("c2"));
            Assert.That(world.Server.Count($"POST /api/v1/vaults/{world.VaultId}/entries/fetch"), Is.EqualTo(1));
            Assert.That(cache.LiveEntries().Select(e => world.Operations.Decrypt(e).Data.Name), Is.EquivalentTo(new[] { "A", "B" }));
        });
    }

    [Test]
    public async Task SyncRefusesAnOlderVersionThanTheOneHeldAndACiphertextOfAnotherVersion()
    {
        using var world = await World.CreateAsync();
        var rolledBack = Guid.NewGuid();
        var relabelled = Guid.NewGuid();
        var cache = LocalVaultCache.Empty(world.Keys.UserId);
        cache.Cursor = "c0";
        cache.Vaults[world.VaultId] = world.Summary;
        cache.Entries[rolledBack] = new CachedEntry(rolledBack, world.VaultId, 3, 1, false, DateTimeOffset.UtcNow, world.Keys.UserId, world.Encrypt(rolledBack, 3, "v3"));
        world.Server.OnJson(syncRoute, new SyncChangesResult("c1", false, [], [],
        [
            world.Synced(rolledBack, 2, "v2"),
            new SyncedEntry(world.State(relabelled, 2), true, world.Encrypt(relabelled, 1, "claims to be v2")),
        ]));

        var report = await world.Operations.SyncAsync(cache);

        Assert.Multiple(() =>
        {
            Assert.That(report.Suspicious, Is.True);
            Assert.That(report.Rollbacks, Is.EqualTo(new[] { new RollbackAttempt(world.VaultId, rolledBack, 3, 2) }));
            Assert.That(report.Rejected.Select(r => r.EntryId), Is.EqualTo(new[] { relabelled }));
            Assert.That(world.Operations.Decrypt(cache.Entries[rolledBack]).Data.Name, Is.EqualTo("v3"), "the newer version is kept");
            Assert.That(cache.Entries.ContainsKey(relabelled), Is.False);
            Assert.That(cache.Cursor, Is.EqualTo("c1"));
        });
    }

    [Test]
    public async Task SyncRefusesAnotherCopyOfAVersionItHoldsAndRemembersTheRefusalUntilACopyVerifies()
    {
        using var world = await World.CreateAsync();
        var entry = Guid.NewGuid();
        var cache = LocalVaultCache.Empty(world.Keys.UserId);
        cache.Cursor = "c0";
        cache.Vaults[world.VaultId] = world.Summary;
        var held = world.Encrypt(entry, 1, "held");
        cache.Entries[entry] = new CachedEntry(entry, world.VaultId, 1, 1, false, DateTimeOffset.UtcNow, world.Keys.UserId, held);
        // A ciphertext that decrypts at the same coordinates, yet is not the copy this device verified.
        world.Server.OnJson(syncRoute, new SyncChangesResult("c1", false, [], [], [world.Synced(entry, 1, "substituted")]));

        var report = await world.Operations.SyncAsync(cache);

        Assert.Multiple(() =>
        {
            Assert.That(report.Rejected.Select(r => r.EntryId), Is.EqualTo(new[] { entry }));
            Assert.That(report.Rejected[0].Reason, Does.Contain("differs from the verified copy of version 1"));
            Assert.That(cache.Entries[entry].Ciphertext, Is.EqualTo(held), "the verified copy is kept");
            Assert.That(cache.Refused.Keys, Is.EqualTo(new[] { entry }));
        });

        world.Server.OnJson(syncRoute, new SyncChangesResult("c2", false, [], [], [new SyncedEntry(world.State(entry, 1), true, held)]));
        var repaired = await world.Operations.SyncAsync(cache);

        Assert.That(repaired.Suspicious, Is.False);
        Assert.That(cache.Refused, Is.Empty);
    }

    [Test]
    public async Task SyncDropsAVaultTheAccountLostAccessTo()
    {
        using var world = await World.CreateAsync();
        var cache = LocalVaultCache.Empty(world.Keys.UserId);
        cache.Cursor = "c0";
        cache.Vaults[world.VaultId] = world.Summary;
        var entry = Guid.NewGuid();
        cache.Entries[entry] = new CachedEntry(entry, world.VaultId, 1, 1, false, DateTimeOffset.UtcNow, world.Keys.UserId, world.Encrypt(entry, 1, "x"));
        world.Server.OnJson(syncRoute, new SyncChangesResult("c1", false, [], [world.VaultId], []));

        var report = await world.Operations.SyncAsync(cache);

        Assert.That(report.LostAccess, Is.EqualTo(new[] { world.VaultId }));
        Assert.That(cache.Vaults, Is.Empty);
        Assert.That(cache.Entries, Is.Empty);
    }

    [Test]
    public async Task AStaleWriteIsATypedConflictWithTheServersVersion()
    {
        using var world = await World.CreateAsync();
        var entry = Guid.NewGuid();
        world.Server.OnJson($"GET /api/v1/vaults/{world.VaultId}", world.Summary);
        world.Server.On($"PUT /api/v1/vaults/{world.VaultId}/entries/{entry}", _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Conflict)
        {
            Content = System.Net.Http.Json.JsonContent.Create(
                new { title = "Entries changed since you read them.", status = 409, code = "vault.stale_version", details = new[] { new EntryConflict(entry, world.State(entry, 5)) } },
                options: PasswordManager.Client.Sdk.Http.SdkJson.Options),
        }));

        var conflict = Assert.ThrowsAsync<EntryConflictException>(() => world.Operations.UpdateEntryAsync(world.VaultId, entry, 3, new EntryData { Name = "n" }));

        Assert.That(conflict!.Conflicts.Single().Current!.Version, Is.EqualTo(5));
        Assert.That(conflict.Message, Does.Contain("version 5"));
    }

    [Test]
    public async Task AVaultGrantedBySomeoneElseIsSkippedUntilTheirRecordIsVerified()
    {
        using var world = await World.CreateAsync();
        using var granter = AccountKeys.Create(Guid.NewGuid());
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        var grant = key.WrapFor(world.Keys.PublicBundle, AccessPermission.Write, granter);
        var shared = new VaultSummary(key.VaultId, VaultKind.Shared, 1, 1, null, DateTimeOffset.UtcNow,
            new MemberAccess(world.Keys.UserId, VaultPermission.Write, 1, grant.WrappedKey, granter.UserId, grant.Signature));

        var listing = world.Operations.Describe([world.Summary, shared]);

        Assert.That(listing.Vaults.Select(v => v.Name), Is.EqualTo(new[] { "Team" }));
        Assert.That(listing.Skipped.Single().Reason, Does.Contain("not verified yet"));
    }

    [Test]
    public async Task ATamperedAccessRecordIsRefused()
    {
        using var world = await World.CreateAsync();
        var raised = world.Summary with { Access = world.Summary.Access with { Permission = VaultPermission.Read } };
        var otherEpoch = world.Summary with { KeyEpoch = 2, Access = world.Summary.Access with { KeyEpoch = 2 } };

        Assert.That(() => world.Operations.Describe(raised), Throws.TypeOf<VaultLockedException>().With.Message.Contains("failed verification"));
        Assert.That(() => world.Operations.Describe(otherEpoch), Throws.TypeOf<VaultLockedException>().With.Message.Contains("failed verification"));
    }

    [Test]
    public async Task TheCacheOpensOnlyWithTheSameAccountsKey()
    {
        using var world = await World.CreateAsync();
        using var other = AccountKeys.Create(Guid.NewGuid());
        using var mine = LocalCacheKey.Derive(world.Keys);
        using var theirs = LocalCacheKey.Derive(other);
        var cache = LocalVaultCache.Empty(world.Keys.UserId);
        cache.Cursor = "cursor";
        cache.Vaults[world.VaultId] = world.Summary;
        var sealedCache = cache.Seal(mine);

        Assert.That(LocalVaultCache.Open(mine, sealedCache).Cursor, Is.EqualTo("cursor"));
        Assert.That(() => LocalVaultCache.Open(theirs, sealedCache), Throws.InstanceOf<Crypto.CryptoException>());
        Assert.That(System.Text.Encoding.UTF8.GetString(sealedCache), Does.Not.Contain("cursor"));
    }

    [Test]
    public void EntryDataKeepsMembersItDoesNotKnow()
    {
        var parsed = EntryData.Parse("""{"type":"login","name":"n","password":"p","totp":"JBSWY3DP"}"""u8);
        var edited = parsed with { Password = "q" };

        Assert.That(System.Text.Encoding.UTF8.GetString(edited.ToUtf8()), Does.Contain("\"totp\":\"JBSWY3DP\"").And.Contain("\"password\":\"q\""));
    }

    /// <summary>An account with one self-granted vault "Team", a stub server, and the SDK's operations over them.</summary>
    [Test]
    public async Task FindByNameReadsOneEntryByIndexVerifiesItAndIgnoresAnswersThatAreNotThatName()
    {
        using var world = await World.CreateAsync();
        var (github, other, unrelated) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var index = world.Index("GitHub");
        string? asked = null;
        world.Server.OnJson($"GET /api/v1/vaults/{world.VaultId}", world.Summary);
        world.Server.On($"GET /api/v1/vaults/{world.VaultId}/entries", request =>
        {
            asked = request.RequestUri!.Query;
            return Task.FromResult(StubServer.Json(HttpStatusCode.OK, new ListedEntriesResult(
            [
                world.Listed(github, 1, "github", index),
                world.Listed(other, 1, "Bank", index),            // the server answers another entry of the vault under this index
                world.Listed(unrelated, 1, "GitHub", world.Index("Bank")),   // and one that does not carry the index asked for
            ], null)));
        });
        var cache = LocalVaultCache.Empty(world.Keys.UserId);

        var lookup = await world.Operations.FindByNameAsync(cache, world.VaultId, "  GITHUB ");

        Assert.Multiple(() =>
        {
            Assert.That(asked, Does.Contain($"nameIndex={index}"));
            Assert.That(lookup.Entries.Select(e => e.EntryId), Is.EqualTo(new[] { github }));
            Assert.That(world.Operations.Decrypt(lookup.Entries[0]).Data.Name, Is.EqualTo("github"));
            Assert.That(lookup.Rollbacks, Is.Empty);
            Assert.That(lookup.Rejected, Is.Empty);
            Assert.That(cache.Entries.Keys, Is.EquivalentTo(new[] { github, other }), "verified answers are kept; the one without the index is not");
            Assert.That(cache.Cursor, Is.Null, "a lookup is not a sync");
        });
    }

    [Test]
    public async Task FindByNameRefusesARollbackARelabelledCiphertextAndAnOldEpochAsSyncDoes()
    {
        using var world = await World.CreateAsync();
        var (rolledBack, relabelled, oldEpoch) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var index = world.Index("GitHub");
        var cache = LocalVaultCache.Empty(world.Keys.UserId);
        cache.Entries[rolledBack] = new CachedEntry(rolledBack, world.VaultId, 3, 1, false, DateTimeOffset.UtcNow, world.Keys.UserId, world.Encrypt(rolledBack, 3, "GitHub"));
        world.Server.OnJson($"GET /api/v1/vaults/{world.VaultId}", world.Summary);
        world.Server.OnJson($"GET /api/v1/vaults/{world.VaultId}/entries", new ListedEntriesResult(
        [
            world.Listed(rolledBack, 2, "GitHub", index),
            world.Listed(relabelled, 2, "GitHub", index) with { Ciphertext = world.Encrypt(relabelled, 1, "GitHub") },
            world.Listed(oldEpoch, 1, "GitHub", index) with { KeyEpoch = 0 },
        ], null));

        var lookup = await world.Operations.FindByNameAsync(cache, world.VaultId, "GitHub");

        Assert.Multiple(() =>
        {
            Assert.That(lookup.Entries, Is.Empty);
            Assert.That(lookup.Rollbacks, Is.EqualTo(new[] { new RollbackAttempt(world.VaultId, rolledBack, 3, 2) }));
            Assert.That(lookup.Rejected.Select(r => r.EntryId), Is.EquivalentTo(new[] { relabelled, oldEpoch }));
            Assert.That(cache.Refused.Keys, Is.EquivalentTo(new[] { rolledBack, relabelled, oldEpoch }), "remembered, as sync remembers them");
            Assert.That(cache.Entries[rolledBack].Version, Is.EqualTo(3), "the newer version held is kept");
        });
    }

    [Test]
    public async Task WritesSendTheNameIndexOfTheEntryName()
    {
        using var world = await World.CreateAsync();
        var sent = new List<string?>();
        world.Server.OnJson($"GET /api/v1/vaults/{world.VaultId}", world.Summary);
        world.Server.OnUnknown = async request =>
        {
            var body = await request.Content!.ReadAsStringAsync();
            using var json = System.Text.Json.JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("writes", out var writes))
            {
                sent.AddRange(writes.EnumerateArray().Select(w => w.TryGetProperty("nameIndex", out var i) ? i.GetString() : null));
                return StubServer.Json(HttpStatusCode.OK, new WriteEntriesResult(
                    [.. writes.EnumerateArray().Select(w => new EntryWriteOutcome(w.GetProperty("entryId").GetGuid(), 1, 1, true, false))]));
            }

            sent.Add(root.TryGetProperty("nameIndex", out var index) ? index.GetString() : null);
            return StubServer.Json(HttpStatusCode.OK, new EntryWriteOutcome(Guid.Parse(request.RequestUri!.Segments[^1]), 1, 1, true, false));
        };

        await world.Operations.AddEntryAsync(world.VaultId, new EntryData { Name = "GitHub" });
        await world.Operations.UpdateEntryAsync(world.VaultId, Guid.NewGuid(), 1, new EntryData { Name = "git hub" });
        await world.Operations.AddEntriesAsync(world.VaultId, [new EntryData { Name = "Bank" }, new EntryData { Name = " " }]);

        Assert.That(sent, Is.EqualTo(new[] { world.Index("GitHub"), world.Index("GIT HUB"), world.Index("bank"), null }));
    }

    private sealed class World : IDisposable
    {
        private readonly VaultKey key;
        private readonly PmClient client;

        private World(AccountKeys keys, VaultKey key, VaultSummary summary, StubServer server, PmClient client)
        {
            Keys = keys;
            this.key = key;
            Summary = summary;
            Server = server;
            this.client = client;
            Operations = client.OpenVaults(keys);
        }

        public AccountKeys Keys { get; }

        public VaultSummary Summary { get; }

        public Guid VaultId => Summary.VaultId;

        public StubServer Server { get; }

        public VaultOperations Operations { get; }

        public static async Task<World> CreateAsync()
        {
            var keys = AccountKeys.Create(Guid.NewGuid());
            var key = VaultKey.Create(Guid.NewGuid(), 1);
            var grant = key.WrapFor(keys.PublicBundle, AccessPermission.Admin, keys);
            var metadata = VaultMetadataCipher.Encrypt(key, """{"name":"Team"}"""u8);
            var summary = new VaultSummary(key.VaultId, VaultKind.Shared, 1, 1, metadata, DateTimeOffset.UtcNow,
                new MemberAccess(keys.UserId, VaultPermission.Admin, 1, grant.WrappedKey, keys.UserId, grant.Signature));
            var store = new InMemoryTokenStore();
            await store.SaveAsync(new SessionTokens(Guid.NewGuid(), "refresh", "access", DateTimeOffset.UtcNow.AddHours(1)), default);
            var server = new StubServer();
            return new World(keys, key, summary, server, server.CreateClient(store));
        }

        public EntryState State(Guid entryId, long version) =>
            new(entryId, VaultId, version, 1, 100, false, DateTimeOffset.UtcNow, Keys.UserId, version);

        public byte[] Encrypt(Guid entryId, long version, string name) =>
            EntryCipher.Encrypt(key, entryId, version, new EntryData { Name = name }.ToUtf8());

        public SyncedEntry Synced(Guid entryId, long version, string name) => new(State(entryId, version), true, Encrypt(entryId, version, name));

        public string? Index(string name) => EntryNameIndex.Compute(key, name);

        public ListedEntry Listed(Guid entryId, long version, string name, string? nameIndex) =>
            new(entryId, VaultId, version, 1, 100, false, DateTimeOffset.UtcNow, Keys.UserId, version, nameIndex, Encrypt(entryId, version, name));

        public void Dispose()
        {
            Operations.Dispose();
            client.Dispose();
            Server.Dispose();
            key.Dispose();
            Keys.Dispose();
        }
    }
}
