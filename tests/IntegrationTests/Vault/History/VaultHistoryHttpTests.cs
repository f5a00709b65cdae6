using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Auth;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;
using PasswordManager.Infrastructure.Auth.Persistence;
using PasswordManager.Infrastructure.Vault.Persistence;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.History;

public sealed class VaultHistoryHttpTests : TestBase
{
    private LoggedIn alice = null!;
    private HttpClient admin = null!;
    private Guid vaultId;
    private byte[] aliceWrappedKey = null!;

    [SetUp]
    public async Task ArrangeVaultWithGenesisAsync()
    {
        alice = await TestAccounts.RegisterAndLoginAsync("alice");
        admin = TestApp.CreateClient(alice.AccessToken);
        (vaultId, aliceWrappedKey) = await CreateWithGenesisAsync(admin, alice.Account.UserId);
    }

    [TearDown]
    public void DisposeClient() => admin.Dispose();

    [Test]
    public async Task ShouldStoreTheGenesisAndChainEveryEntryWrite()
    {
        var entryId = Guid.NewGuid();
        var (seq1, hash1) = await HeadAsync(admin);
        var ciphertext = TestVaults.Ciphertext();
        var record = Builder().After(seq1, hash1).Entry(entryId, 1, Convert.FromBase64String(ciphertext)).Base64();

        using var created = await PutEntryAsync(admin, entryId, ciphertext, null, record);
        var history = await (await admin.GetAsync($"/api/v1/vaults/{vaultId}/history?after=0")).ReadJsonAsync();

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        Assert.That(seq1, Is.EqualTo(1));
        var items = history.GetProperty("items");
        Assert.That(items.GetArrayLength(), Is.EqualTo(2));
        Assert.That(items[1].GetProperty("record").GetString(), Is.EqualTo(record));
        Assert.That(items[1].GetProperty("hash").GetBytesFromBase64(), Is.EqualTo(HistoryRecordBuilder.Hash(record)));
        Assert.That(history.GetProperty("head").GetProperty("seq").GetInt64(), Is.EqualTo(2));
        Assert.That(history.TryGetProperty("next", out _), Is.False, "null properties are left out");
    }

    [Test]
    public async Task ShouldRequireARecordOnceTheVaultHasOne()
    {
        using var response = await PutEntryAsync(admin, Guid.NewGuid(), TestVaults.Ciphertext(), null, history: null);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.history_record_required");
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
    }

    [Test]
    public async Task ShouldAcceptWritesWithoutRecordsUntilTheFirstCheckpointThenRequireThem()
    {
        var legacy = await TestVaults.CreateAsync(admin);
        var entryId = Guid.NewGuid();
        var ciphertext = TestVaults.Ciphertext();
        await TestVaults.PutEntryAsync(admin, legacy, entryId, ciphertext);
        var wrappedKey = await AccessWrappedKeyAsync(legacy, alice.Account.UserId);

        var wrongState = new HistoryRecordBuilder(legacy, alice.Account.UserId).Checkpoint().Member(alice.Account.UserId, "admin", 1, wrappedKey).Base64();
        using var incomplete = await admin.PostAsJsonAsync($"/api/v1/vaults/{legacy}/history", new { record = wrongState });
        var checkpoint = new HistoryRecordBuilder(legacy, alice.Account.UserId).Checkpoint()
            .Entry(entryId, 1, Convert.FromBase64String(ciphertext)).Member(alice.Account.UserId, "admin", 1, wrappedKey).Base64();
        using var accepted = await admin.PostAsJsonAsync($"/api/v1/vaults/{legacy}/history", new { record = checkpoint });
        using var without = await admin.PutAsJsonAsync(
            $"/api/v1/vaults/{legacy}/entries/{entryId}", new { replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });

        var problem = await incomplete.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.invalid_history_record");
        Assert.That(problem.GetProperty("details").GetProperty("reason").GetString(), Does.Contain(entryId.ToString()));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());
        await without.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.history_record_required");
    }

    [Test]
    public async Task ShouldRefuseARecordThatDoesNotNameWhatTheRequestDoes()
    {
        var entryId = Guid.NewGuid();
        var (seq, hash) = await HeadAsync(admin);
        var ciphertext = TestVaults.Ciphertext();
        var bytes = Convert.FromBase64String(ciphertext);

        using var otherHash = await PutEntryAsync(admin, entryId, ciphertext, null, Builder().After(seq, hash).Entry(entryId, 1, [1, 2, 3]).Base64());
        using var otherVersion = await PutEntryAsync(admin, entryId, ciphertext, null, Builder().After(seq, hash).Entry(entryId, 2, bytes).Base64());
        using var otherEntry = await PutEntryAsync(admin, entryId, ciphertext, null, Builder().After(seq, hash).Entry(Guid.NewGuid(), 1, bytes).Base64());
        using var extra = await PutEntryAsync(admin, entryId, ciphertext, null,
            Builder().After(seq, hash).Entry(entryId, 1, bytes).Entry(Guid.NewGuid(), 1, bytes).Base64());
        var otherVault = Builder().After(seq, hash).Entry(entryId, 1, bytes);
        otherVault.VaultId = Guid.NewGuid();
        using var foreignVault = await PutEntryAsync(admin, entryId, ciphertext, null, otherVault.Base64());
        var otherAuthor = Builder().After(seq, hash).Entry(entryId, 1, bytes);
        otherAuthor.AuthorId = Guid.NewGuid();
        using var foreignAuthor = await PutEntryAsync(admin, entryId, ciphertext, null, otherAuthor.Base64());
        var otherEpoch = Builder().After(seq, hash).Entry(entryId, 1, bytes);
        otherEpoch.KeyEpoch = 2;
        using var wrongEpoch = await PutEntryAsync(admin, entryId, ciphertext, null, otherEpoch.Base64());

        foreach (var response in new[] { otherHash, otherVersion, otherEntry, extra, foreignVault, foreignAuthor, wrongEpoch })
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.invalid_history_record");
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("vault.history_records"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldAnswerHeadMovedWithTheCurrentHead()
    {
        var (seq, hash) = await HeadAsync(admin);
        var entryId = Guid.NewGuid();
        var ciphertext = TestVaults.Ciphertext();
        var bytes = Convert.FromBase64String(ciphertext);

        using var stale = await PutEntryAsync(admin, entryId, ciphertext, null, Builder().After(seq - 1, new byte[32]).Entry(entryId, 1, bytes).Base64());
        using var wrongPrev = await PutEntryAsync(admin, entryId, ciphertext, null, Builder().After(seq, new byte[32]).Entry(entryId, 1, bytes).Base64());
        using var ahead = await PutEntryAsync(admin, entryId, ciphertext, null, Builder().After(seq + 5, hash).Entry(entryId, 1, bytes).Base64());

        foreach (var response in new[] { wrongPrev, ahead })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "vault.history_head_moved");
            Assert.That(problem.GetProperty("details").GetProperty("seq").GetInt64(), Is.EqualTo(seq));
            Assert.That(problem.GetProperty("details").GetProperty("hash").GetBytesFromBase64(), Is.EqualTo(hash));
        }

        // seq 1 again: a second first record is not a checkpoint, so it is refused before the chain is compared.
        Assert.That((int)stale.StatusCode, Is.EqualTo(400).Or.EqualTo(409));
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
    }

    [Test]
    public async Task ShouldLetExactlyOneOfTwoWritersOnTheSameHeadWin()
    {
        var (seq, hash) = await HeadAsync(admin);
        var writes = Enumerable.Range(0, 2).Select(async _ =>
        {
            var entryId = Guid.NewGuid();
            var ciphertext = TestVaults.Ciphertext();
            var record = Builder().After(seq, hash).Entry(entryId, 1, Convert.FromBase64String(ciphertext)).Base64();
            using var client = TestApp.CreateClient(alice.AccessToken);
            using var response = await PutEntryAsync(client, entryId, ciphertext, null, record);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();

        var outcomes = await Task.WhenAll(writes);

        Assert.That(outcomes.Count(o => o.StatusCode == HttpStatusCode.Created), Is.EqualTo(1), string.Join("\n", outcomes.Select(o => o.Body)));
        Assert.That(outcomes.Single(o => o.StatusCode != HttpStatusCode.Created).Body, Does.Contain("vault.history_head_moved"));
        Assert.That(await TestDatabase.CountAsync("vault.history_records"), Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldChainBatchesDeletesAndAttachments()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var (ca, cb) = (TestVaults.Ciphertext(), TestVaults.Ciphertext(30_000));
        var (seq, hash) = await HeadAsync(admin);
        var batchRecord = Builder().After(seq, hash).Entry(a, 1, Convert.FromBase64String(ca)).Entry(b, 1, Convert.FromBase64String(cb)).Base64();
        using var batch = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/batch", new
        {
            writes = new object[]
            {
                new { entryId = a, keyEpoch = 1, ciphertext = ca, delete = false },
                new { entryId = b, keyEpoch = 1, ciphertext = cb, delete = false },
            },
            history = batchRecord,
        });
        Assert.That(batch.StatusCode, Is.EqualTo(HttpStatusCode.OK), await batch.Content.ReadAsStringAsync());

        var attachmentId = Guid.NewGuid();
        byte[] content = [0x01, 0x03, .. Enumerable.Range(0, 5000).Select(i => (byte)i)];
        (seq, hash) = await HeadAsync(admin);
        using var wrongUpload = await UploadAsync(a, attachmentId, content, Builder().After(seq, hash).Attachment(a, attachmentId, [9]).Base64());
        using var upload = await UploadAsync(a, attachmentId, content, Builder().After(seq, hash).Attachment(a, attachmentId, content).Base64());
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());

        (seq, hash) = await HeadAsync(admin);
        using var removeAttachment = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/vaults/{vaultId}/entries/{a}/attachments/{attachmentId}");
        removeAttachment.Headers.Add("X-History-Record", Builder().After(seq, hash).Attachment(a, attachmentId, null).Base64());
        using var attachmentDeleted = await admin.SendAsync(removeAttachment);
        Assert.That(attachmentDeleted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await attachmentDeleted.Content.ReadAsStringAsync());

        (seq, hash) = await HeadAsync(admin);
        var deleteRecord = Builder().After(seq, hash).Entry(b, 2, null).Base64();
        using var deleted = await admin.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{b}?version=1&history={Uri.EscapeDataString(deleteRecord)}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await deleted.Content.ReadAsStringAsync());

        await wrongUpload.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.invalid_history_record");
        Assert.That((await HeadAsync(admin)).Seq, Is.EqualTo(5));
    }

    [Test]
    public async Task ShouldChainMemberChangesAndARekey()
    {
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        using var member = TestApp.CreateClient(bob.AccessToken);
        var entryId = Guid.NewGuid();
        var ciphertext = TestVaults.Ciphertext();
        var (seq, hash) = await HeadAsync(admin);
        (await PutEntryAsync(admin, entryId, ciphertext, null, Builder().After(seq, hash).Entry(entryId, 1, Convert.FromBase64String(ciphertext)).Base64())).Dispose();

        var bobKey = Convert.FromBase64String(TestVaults.WrappedKey());
        (seq, hash) = await HeadAsync(admin);
        using var grant = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", new
        {
            userId = bob.Account.UserId, permission = "write", keyEpoch = 1, wrappedKey = Convert.ToBase64String(bobKey),
            granterSignature = TestVaults.Signature(), history = Builder().After(seq, hash).Member(bob.Account.UserId, "write", 1, bobKey).Base64(),
        });
        Assert.That(grant.StatusCode, Is.EqualTo(HttpStatusCode.Created), await grant.Content.ReadAsStringAsync());

        (seq, hash) = await HeadAsync(admin);
        using var demote = await admin.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/members/{bob.Account.UserId}", new
        {
            permission = "read", granterSignature = TestVaults.Signature(),
            history = Builder().After(seq, hash).Member(bob.Account.UserId, "read", 1, bobKey).Base64(),
        });
        Assert.That(demote.StatusCode, Is.EqualTo(HttpStatusCode.OK), await demote.Content.ReadAsStringAsync());

        (seq, hash) = await HeadAsync(admin);
        var readerWrite = new HistoryRecordBuilder(vaultId, bob.Account.UserId).After(seq, hash).Entry(entryId, 2, [1]).Base64();
        using var forbidden = await PutEntryAsync(member, entryId, TestVaults.Ciphertext(), 1, readerWrite);
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.write_forbidden");

        var newCiphertext = TestVaults.Ciphertext();
        var (newAliceKey, wrongKey) = (Convert.FromBase64String(TestVaults.WrappedKey()), Convert.FromBase64String(TestVaults.WrappedKey()));
        object RekeyBody(byte[] recordKey)
        {
            var rekey = Builder().After(seq, hash).Rekey(1).Entry(entryId, 2, Convert.FromBase64String(newCiphertext))
                .Member(alice.Account.UserId, "admin", 2, recordKey).Member(bob.Account.UserId, "removed");
            rekey.KeyEpoch = 2;
            return new
            {
                fromKeyEpoch = 1, revoke = new[] { bob.Account.UserId },
                entries = new[] { new { entryId, replacesVersion = 1, ciphertext = newCiphertext } },
                members = new[] { new { userId = alice.Account.UserId, wrappedKey = Convert.ToBase64String(newAliceKey), granterSignature = TestVaults.Signature() } },
                encryptedMetadata = (string?)null,
                history = rekey.Base64(),
            };
        }

        using var wrongRekey = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey", RekeyBody(wrongKey));
        using var rekeyed = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey", RekeyBody(newAliceKey));

        var problem = await wrongRekey.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.invalid_history_record");
        Assert.That(problem.GetProperty("details").GetProperty("reason").GetString(), Does.Contain(alice.Account.UserId.ToString()));
        Assert.That(rekeyed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rekeyed.Content.ReadAsStringAsync());
        var history = await (await admin.GetAsync($"/api/v1/vaults/{vaultId}/history?after=0")).ReadJsonAsync();
        Assert.That(history.GetProperty("items").GetArrayLength(), Is.EqualTo(5));
        Assert.That(history.GetProperty("head").GetProperty("seq").GetInt64(), Is.EqualTo(5));
    }

    [TestCase("not base64!", "vault.invalid_history_record")]
    [TestCase("AAAA", "vault.invalid_history_record")]
    [TestCase("\u0001\u0002", "request.validation_failed")]
    [TestCase("", "vault.invalid_history_record")]
    public async Task ShouldRefuseMalformedRecordsWithoutWriting(string history, string code)
    {
        using var response = await PutEntryAsync(admin, Guid.NewGuid(), TestVaults.Ciphertext(), null, history);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseTruncatedHugeAndTrailingRecordsWithoutWriting()
    {
        var (seq, hash) = await HeadAsync(admin);
        var entryId = Guid.NewGuid();
        var ciphertext = TestVaults.Ciphertext();
        var builder = Builder().After(seq, hash).Entry(entryId, 1, Convert.FromBase64String(ciphertext));
        var record = builder.Build();
        // The field of n sits right before the one change: LP(change) is 4 + 58 bytes, then LP(signature) 4 + 64.
        var nOffset = record.Length - (4 + 64) - (4 + 58) - 4;

        byte[][] cases =
        [
            record[..^10],
            [.. record, 0],
            Set(record, nOffset, [0xFF, 0xFF, 0xFF, 0xFF]),
            Set(record, nOffset, [0, 0, 0, 0]),
            Set(record, 0, [0xFF, 0xFF, 0xFF, 0xF0]),
            Set(record, record.Length - (4 + 64) - 58 + 25, [7]),
        ];
        foreach (var bytes in cases)
        {
            using var response = await PutEntryAsync(admin, entryId, ciphertext, null, Convert.ToBase64String(bytes));
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.invalid_history_record");
        }

        Assert.That(await TestDatabase.CountAsync("vault.entries"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("vault.history_records"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldServeHistoryToReadersOnlyAndRefuseCheckpointsFromNonAdmins()
    {
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        using var stranger = TestApp.CreateClient(bob.AccessToken);
        var outsider = await TestAccounts.LoginAsync(await RegisterInAnotherTenantAsync("carol"));
        using var otherTenant = TestApp.CreateClient(outsider.AccessToken);
        using var anonymous = TestApp.CreateClient();
        var exportKey = await TestApiKeys.CreateAsync(alice, "export");
        using var machine = TestApiKeys.Client(exportKey);
        var (seq, hash) = await HeadAsync(admin);
        var checkpoint = Builder().After(seq, hash).Checkpoint().Member(alice.Account.UserId, "admin", 1, aliceWrappedKey).Base64();

        using var anonymousRead = await anonymous.GetAsync($"/api/v1/vaults/{vaultId}/history");
        using var strangerRead = await stranger.GetAsync($"/api/v1/vaults/{vaultId}/history");
        using var otherTenantRead = await otherTenant.GetAsync($"/api/v1/vaults/{vaultId}/history");
        using var machineRead = await machine.GetAsync($"/api/v1/vaults/{vaultId}/history");
        using var machineCheckpoint = await machine.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/history", new { record = checkpoint });
        using var strangerCheckpoint = await stranger.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/history", new { record = checkpoint });
        await TestVaults.GrantDirectlyAsync(vaultId, bob.Account.UserId, Domain.Vault.Vaults.Permission.Write);
        using var writerRead = await stranger.GetAsync($"/api/v1/vaults/{vaultId}/history");
        using var writerCheckpoint = await stranger.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/history", new { record = checkpoint });

        Assert.That(anonymousRead.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await strangerRead.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        await otherTenantRead.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        Assert.That(machineRead.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)machineCheckpoint.StatusCode, Is.EqualTo(401).Or.EqualTo(403));
        await strangerCheckpoint.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        Assert.That(writerRead.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await writerCheckpoint.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.admin_forbidden");
        Assert.That(await TestDatabase.CountAsync("vault.history_records"), Is.EqualTo(1));
    }

    [TestCase("?after=-1")]
    [TestCase("?limit=0")]
    [TestCase("?limit=99999999999")]
    [TestCase("?after=%00")]
    [TestCase("?after=ten")]
    public async Task ShouldRefuseBadHistoryQueries(string query)
    {
        using var response = await admin.GetAsync($"/api/v1/vaults/{vaultId}/history{query}");

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task ShouldServeRecordsWithSyncPagesAndDetectForks()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var entryId = Guid.NewGuid();
            ids.Add(entryId);
            var ciphertext = TestVaults.Ciphertext();
            var (seq, hash) = await HeadAsync(admin);
            (await PutEntryAsync(admin, entryId, ciphertext, null, Builder().After(seq, hash).Entry(entryId, 1, Convert.FromBase64String(ciphertext)).Base64())).Dispose();
        }

        var first = await (await admin.GetAsync("/api/v1/sync?limit=2")).ReadJsonAsync();
        var second = await (await admin.GetAsync($"/api/v1/sync?limit=2&cursor={first.GetProperty("cursor").GetString()}")).ReadJsonAsync();

        long[] Seqs(JsonElement page) => [.. page.GetProperty("history").EnumerateArray().Single().GetProperty("records").EnumerateArray().Select(r => r.GetProperty("seq").GetInt64())];
        Assert.That(first.GetProperty("hasMore").GetBoolean(), Is.True);
        Assert.That(first.GetProperty("entries").GetArrayLength(), Is.EqualTo(2));
        Assert.That(Seqs(first), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(first.GetProperty("history")[0].GetProperty("head").GetProperty("seq").GetInt64(), Is.EqualTo(3));
        Assert.That(Seqs(second), Is.EqualTo(new long[] { 4 }));
        Assert.That(second.GetProperty("history")[0].GetProperty("head").GetProperty("seq").GetInt64(), Is.EqualTo(4));

        var (headSeq, headHash) = await HeadAsync(admin);
        using var held = await admin.GetAsync($"/api/v1/sync?heads={Heads(headSeq, headHash)}");
        using var forked = await admin.GetAsync($"/api/v1/sync?heads={Heads(2, new byte[32])}");
        using var beyond = await admin.GetAsync($"/api/v1/sync?heads={Heads(9, headHash)}");
        using var garbage = await admin.GetAsync("/api/v1/sync?heads=AQID");

        Assert.That(held.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var fork = await forked.AssertProblemAsync(HttpStatusCode.Conflict, "vault.history_fork");
        Assert.That(fork.GetProperty("details").GetProperty("seq").GetInt64(), Is.EqualTo(2));
        var beyondFork = await beyond.AssertProblemAsync(HttpStatusCode.Conflict, "vault.history_fork");
        Assert.That(beyondFork.GetProperty("details").GetProperty("seq").GetInt64(), Is.EqualTo(headSeq));
        Assert.That(beyondFork.GetProperty("details").GetProperty("hash").GetBytesFromBase64(), Is.EqualTo(headHash));
        await garbage.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.invalid_history_heads");
    }

    private string Heads(long seq, byte[] hash)
    {
        var bytes = new byte[1 + 16 + 8 + 32];
        bytes[0] = 1;
        vaultId.TryWriteBytes(bytes.AsSpan(1), bigEndian: true, out _);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(17), seq);
        hash.CopyTo(bytes.AsSpan(25));
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    private static byte[] Set(byte[] record, int offset, byte[] bytes)
    {
        var copy = record.ToArray();
        bytes.CopyTo(copy.AsSpan(offset));
        return copy;
    }

    private HistoryRecordBuilder Builder() => new(vaultId, alice.Account.UserId);

    private async Task<HttpResponseMessage> PutEntryAsync(HttpClient client, Guid entryId, string ciphertext, long? replaces, string? history) =>
        await client.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}", new { replacesVersion = replaces, keyEpoch = 1, ciphertext, history });

    private async Task<HttpResponseMessage> UploadAsync(Guid entryId, Guid attachmentId, byte[] content, string history)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/vaults/{vaultId}/entries/{entryId}/attachments/{attachmentId}?keyEpoch=1")
        {
            Content = new ByteArrayContent(content),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add("X-History-Record", history);
        return await admin.SendAsync(request);
    }

    private async Task<(long Seq, byte[] Hash)> HeadAsync(HttpClient client)
    {
        var history = await (await client.GetAsync($"/api/v1/vaults/{vaultId}/history")).ReadJsonAsync();
        var head = history.GetProperty("head");
        return (head.GetProperty("seq").GetInt64(), head.GetProperty("hash").GetBytesFromBase64());
    }

    private static async Task<(Guid VaultId, byte[] WrappedKey)> CreateWithGenesisAsync(HttpClient client, Guid userId)
    {
        var id = Guid.NewGuid();
        var wrappedKey = Convert.FromBase64String(TestVaults.WrappedKey());
        var genesis = new HistoryRecordBuilder(id, userId).Checkpoint().Member(userId, "admin", 1, wrappedKey).Base64();
        using var response = await client.PostAsJsonAsync("/api/v1/vaults", new
        {
            vaultId = id, kind = "shared", encryptedMetadata = TestVaults.Ciphertext(32), wrappedKey = Convert.ToBase64String(wrappedKey),
            granterSignature = TestVaults.Signature(), history = genesis,
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync() + TestApp.Factory.Logs.RecentErrors);
        return (id, wrappedKey);
    }

    private static async Task<byte[]> AccessWrappedKeyAsync(Guid vault, Guid userId)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        return db.AccessRecords.Single(r => r.VaultId == vault && r.UserId == new UserId(userId)).WrappedKey;
    }

    private static async Task<TestAccount> RegisterInAnotherTenantAsync(string username)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var tenant = new TenantId(Guid.NewGuid());
        var code = OpaqueToken.Generate();
        db.Tenants.Add(Tenant.Create(tenant, "Other", DateTimeOffset.UtcNow));
        db.Invitations.Add(Invitation.Create(tenant, OpaqueToken.Hash(code), TenantRole.Member, new UserId(Guid.NewGuid()), DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
        await db.SaveChangesAsync();
        return await TestAccounts.RegisterAsync(username, code);
    }
}
