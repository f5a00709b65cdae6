using System.Net;
using System.Net.Http.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Vault.Storage.CollectBlobGarbage;
using PasswordManager.Application.Vault.Storage.ExpireRekeySessions;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault.Attachments;

namespace PasswordManager.IntegrationTests.Vault.Sharing;

public sealed class RekeySessionHttpTests : TestBase
{
    private SharedVault vault = null!;
    private Guid attachmentId;

    [SetUp]
    public async Task ArrangeAsync()
    {
        vault = await SharedVault.CreateAsync();
        attachmentId = Guid.NewGuid();
        using var upload = await vault.Admin.PutAsync(
            $"/api/v1/vaults/{vault.VaultId}/entries/{vault.Entries[0]}/attachments/{attachmentId}?keyEpoch=1", TestAttachments.Body(TestAttachments.RandomBody(3000)));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());
    }

    [TearDown]
    public void Dispose() => vault.Dispose();

    private string Sessions => $"/api/v1/vaults/{vault.VaultId}/rekey-sessions";

    [Test]
    public async Task ShouldReKeyEverythingIncludingAttachmentsAndRevokeInOneCommit()
    {
        var readerCursor = (await SharedVault.SyncAsync(vault.ReaderClient)).GetProperty("cursor").GetString();
        var reader = vault.Reader.Account.UserId;

        using var open = await vault.Admin.PostAsJsonAsync(Sessions, new { fromKeyEpoch = 1, revoke = new[] { reader } });
        var session = await open.ReadJsonAsync();
        using var second = await vault.Admin.PostAsJsonAsync(Sessions, new { fromKeyEpoch = 1, revoke = Array.Empty<Guid>() });
        var sessionId = session.GetProperty("sessionId").GetGuid();
        await UploadEntriesAsync(sessionId, await LiveEntriesAsync());
        await UploadAttachmentAsync(sessionId);
        using var commit = await vault.Admin.PostAsJsonAsync($"{Sessions}/{sessionId}/commit", new { members = await vault.RemainingMembersAsync(reader) });
        var result = await commit.ReadJsonAsync();

        Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.Created), session.ToString());
        Assert.That(session.GetProperty("vaultId").GetGuid(), Is.EqualTo(vault.VaultId));
        Assert.That(session.GetProperty("fromKeyEpoch").GetInt64(), Is.EqualTo(1));
        Assert.That(session.GetProperty("revoke").EnumerateArray().Select(r => r.GetGuid()), Is.EqualTo(new[] { reader }));
        Assert.That(session.GetProperty("uploadedEntries").GetInt32(), Is.Zero);
        Assert.That(session.GetProperty("expiresAt").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow.AddHours(23)));
        var secondProblem = await second.AssertProblemAsync(HttpStatusCode.Conflict, "vault.rekey_session_open");
        Assert.That(secondProblem.GetProperty("details").GetProperty("sessionId").GetGuid(), Is.EqualTo(sessionId));
        Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That(result.GetProperty("keyEpoch").GetInt64(), Is.EqualTo(2));
        Assert.That(result.GetProperty("revoked").EnumerateArray().Select(r => r.GetGuid()), Is.EqualTo(new[] { reader }));
        Assert.That(result.GetProperty("exposure")[0].GetProperty("entries").GetArrayLength(), Is.EqualTo(2), "the reader synced two inline entries");
        await AssertWhollyOnEpochAsync(2);
        Assert.That(await TestDatabase.CountAsync("vault.blob_garbage"), Is.Zero, "the staged blobs are adopted, the old ones deleted");
        Assert.That(await TestDatabase.CountAsync("vault.rekey_sessions"), Is.Zero);
        using var afterCommit = await vault.Admin.GetAsync($"{Sessions}/{sessionId}");
        await afterCommit.AssertProblemAsync(HttpStatusCode.NotFound, "vault.rekey_session_not_found");

        using var readerVault = await vault.ReaderClient.GetAsync($"/api/v1/vaults/{vault.VaultId}");
        await readerVault.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        var readerSync = await SharedVault.SyncAsync(vault.ReaderClient, readerCursor);
        Assert.That(readerSync.GetProperty("lostAccess").EnumerateArray().Select(v => v.GetGuid()), Is.EqualTo(new[] { vault.VaultId }));
        using var oldEpochWrite = await vault.WriterClient.PutAsJsonAsync($"/api/v1/vaults/{vault.VaultId}/entries/{Guid.NewGuid()}",
            new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() });
        await oldEpochWrite.AssertProblemAsync(HttpStatusCode.Conflict, "vault.stale_key_epoch");
        using var oldEpochAttachment = await vault.WriterClient.PutAsync(
            $"/api/v1/vaults/{vault.VaultId}/entries/{vault.Entries[1]}/attachments/{Guid.NewGuid()}?keyEpoch=1", TestAttachments.Body([1, 2, 3]));
        await oldEpochAttachment.AssertProblemAsync(HttpStatusCode.Conflict, "vault.stale_key_epoch");
        var attachment = await (await vault.WriterClient.GetAsync($"/api/v1/vaults/{vault.VaultId}/entries/{vault.Entries[0]}/attachments")).ReadJsonAsync();
        Assert.That(attachment.GetProperty("items")[0].GetProperty("keyEpoch").GetInt64(), Is.EqualTo(2));
        Assert.That(attachment.GetProperty("items")[0].GetProperty("size").GetInt64(), Is.EqualTo(4000), "the re-uploaded body");
    }

    [Test]
    public async Task ShouldRefuseAnIncompleteCommitKeepTheSessionAndResume()
    {
        var sessionId = await OpenAsync();
        var entries = await LiveEntriesAsync();
        await UploadEntriesAsync(sessionId, entries.Take(2));

        var state = await (await vault.Admin.GetAsync($"{Sessions}/{sessionId}")).ReadJsonAsync();
        using var early = await vault.Admin.PostAsJsonAsync($"{Sessions}/{sessionId}/commit", new { members = await vault.RemainingMembersAsync() });

        Assert.That(state.GetProperty("uploadedEntries").GetInt32(), Is.EqualTo(2));
        Assert.That(state.GetProperty("uploaded").EnumerateArray().Select(e => (e.GetProperty("entryId").GetGuid(), e.GetProperty("replacesVersion").GetInt64())),
            Is.EquivalentTo(entries.Take(2).Select(e => (e.EntryId, e.Version))));
        Assert.That(state.GetProperty("uploadedAttachments").GetArrayLength(), Is.Zero);
        var problem = await early.AssertProblemAsync(HttpStatusCode.Conflict, "vault.rekey_mismatch");
        var details = problem.GetProperty("details");
        Assert.That(details.GetProperty("missingEntries").EnumerateArray().Select(e => e.GetGuid()), Is.EqualTo(new[] { entries[2].EntryId }));
        Assert.That(details.GetProperty("missingAttachments").EnumerateArray().Select(e => e.GetGuid()), Is.EqualTo(new[] { attachmentId }));
        await AssertWhollyOnEpochAsync(1);

        // Resume: the state says what is missing.
        var resumed = await (await vault.Admin.GetAsync($"{Sessions}/{sessionId}")).ReadJsonAsync();
        var done = resumed.GetProperty("uploaded").EnumerateArray().Select(e => e.GetProperty("entryId").GetGuid()).ToHashSet();
        await UploadEntriesAsync(sessionId, entries.Where(e => !done.Contains(e.EntryId)));
        await UploadAttachmentAsync(sessionId);
        using var commit = await vault.Admin.PostAsJsonAsync($"{Sessions}/{sessionId}/commit", new { members = await vault.RemainingMembersAsync() });
        Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.OK), await commit.Content.ReadAsStringAsync());
        await AssertWhollyOnEpochAsync(2);
    }

    [Test]
    public async Task ShouldRefuseACommitWhenAnEntryChangedAfterItWasStaged()
    {
        var sessionId = await OpenAsync();
        var entries = await LiveEntriesAsync();
        await UploadEntriesAsync(sessionId, entries);
        await UploadAttachmentAsync(sessionId);
        var raced = entries[1].EntryId;
        await TestVaults.PutEntryAsync(vault.WriterClient, vault.VaultId, raced, TestVaults.Ciphertext(), replaces: entries[1].Version);

        using var stale = await vault.Admin.PostAsJsonAsync($"{Sessions}/{sessionId}/commit", new { members = await vault.RemainingMembersAsync() });

        var problem = await stale.AssertProblemAsync(HttpStatusCode.Conflict, "vault.rekey_mismatch");
        var conflict = problem.GetProperty("details").GetProperty("staleEntries")[0];
        Assert.That(conflict.GetProperty("entryId").GetGuid(), Is.EqualTo(raced));
        Assert.That(conflict.GetProperty("current").GetProperty("version").GetInt64(), Is.EqualTo(entries[1].Version + 1));
        await AssertWhollyOnEpochAsync(1);
        await UploadEntriesAsync(sessionId, [(raced, entries[1].Version + 1)]);
        using var commit = await vault.Admin.PostAsJsonAsync($"{Sessions}/{sessionId}/commit", new { members = await vault.RemainingMembersAsync() });
        Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.OK), await commit.Content.ReadAsStringAsync());
        await AssertWhollyOnEpochAsync(2);
    }

    [Test]
    public async Task ShouldAbortAndLeaveNoStagedBlobBehind()
    {
        var blobsBefore = VaultBlobFiles();
        var sessionId = await OpenAsync();
        await UploadEntriesAsync(sessionId, await LiveEntriesAsync(), plaintextBytes: 20_000);
        await UploadEntriesAsync(sessionId, await LiveEntriesAsync(), plaintextBytes: 20_000);   // replaced: the first blobs are garbage
        await UploadAttachmentAsync(sessionId);
        var staged = VaultBlobFiles();

        using var abort = await vault.Admin.DeleteAsync($"{Sessions}/{sessionId}");
        using var gone = await vault.Admin.GetAsync($"{Sessions}/{sessionId}");
        await CollectGarbageAsync(TestApp.Factory.Services);

        Assert.That(staged, Is.EqualTo(blobsBefore + 7), "3 entries twice, 1 attachment");
        Assert.That(abort.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "vault.rekey_session_not_found");
        Assert.That(VaultBlobFiles(), Is.EqualTo(blobsBefore));
        Assert.That(await TestDatabase.CountAsync("vault.blob_garbage"), Is.Zero);
        await AssertWhollyOnEpochAsync(1);
        Assert.That(await OpenAsync(), Is.Not.EqualTo(sessionId), "a new session may start");
    }

    [Test]
    public async Task ShouldExpireSessionsAndCleanThemUp()
    {
        await using var shortLived = new ApiFactory(new Dictionary<string, string?> { ["Vault:RekeySessionLifetime"] = "00:00:02", ["Vault:PendingBlobGrace"] = "00:00:00" });
        using var admin = shortLived.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", vault.Alice.AccessToken);
        using var open = await admin.PostAsJsonAsync(Sessions, new { fromKeyEpoch = 1, revoke = Array.Empty<Guid>() });
        var sessionId = (await open.ReadJsonAsync()).GetProperty("sessionId").GetGuid();
        using (var upload = await admin.PutAsJsonAsync($"{Sessions}/{sessionId}/entries", EntriesBody(await LiveEntriesAsync(), 20_000)))
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK), await upload.Content.ReadAsStringAsync());
        Assert.That(VaultBlobFiles(shortLived), Is.EqualTo(3));
        await using (var early = shortLived.Services.CreateAsyncScope())
            Assert.That((await early.ServiceProvider.GetRequiredService<ISender>().Send(new CollectBlobGarbageCommand(100))).Deleted, Is.Zero,
                "staged blobs are not garbage while the session is open");

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var expired = await admin.GetAsync($"{Sessions}/{sessionId}");
        await using var scope = shortLived.Services.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExpireRekeySessionsCommand(100));
        await CollectGarbageAsync(shortLived.Services);

        await expired.AssertProblemAsync(HttpStatusCode.NotFound, "vault.rekey_session_not_found");
        Assert.That(removed, Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync("vault.rekey_sessions"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("vault.rekey_staged_entries"), Is.Zero);
        Assert.That(VaultBlobFiles(shortLived), Is.Zero, "the staged blobs were this host's only ones");
    }

    [Test]
    public async Task ShouldRefuseAOneShotReKeyOfAVaultWithAttachments()
    {
        using var rekey = await vault.Admin.PostAsJsonAsync($"/api/v1/vaults/{vault.VaultId}/rekey", await vault.RekeyBodyAsync(1));

        var problem = await rekey.AssertProblemAsync(HttpStatusCode.Conflict, "vault.rekey_mismatch");
        Assert.That(problem.GetProperty("details").GetProperty("missingAttachments").EnumerateArray().Select(a => a.GetGuid()), Is.EqualTo(new[] { attachmentId }));
        await AssertWhollyOnEpochAsync(1);
    }

    [Test]
    public async Task ShouldLetOnlyAdminsOfTheVaultUseASession()
    {
        var sessionId = await OpenAsync();
        foreach (var (who, client, status, code) in await vault.OutsidersAsync())
        {
            foreach (var (method, path, body) in Requests(sessionId))
            {
                using var response = await SendAsync(client, method, path, body);
                Assert.That(response.StatusCode, Is.EqualTo(status), $"{who}: {method} {path}");
                await response.AssertProblemAsync(status, code);
            }
        }

        foreach (var (who, client) in vault.NonAdmins())
        {
            foreach (var (method, path, body) in Requests(sessionId))
            {
                using var response = await SendAsync(client, method, path, body);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{who}: {method} {path}");
                await response.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.admin_forbidden");
            }
        }

        // An unknown session, or one of another vault, is not found for the vault's admin.
        var other = await TestVaults.CreateAsync(vault.Admin);
        foreach (var (method, path, body) in Requests(Guid.NewGuid()).Skip(1)
                     .Concat(Requests(sessionId).Skip(1).Select(r => (r.Method, r.Path.Replace(vault.VaultId.ToString(), other.ToString(), StringComparison.Ordinal), r.Body))))
        {
            using var response = await SendAsync(vault.Admin, method, path, body);
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.rekey_session_not_found");
        }

        await AssertWhollyOnEpochAsync(1);
        Assert.That(await TestDatabase.CountAsync("vault.rekey_staged_entries"), Is.Zero);
    }

    private IEnumerable<(HttpMethod Method, string Path, HttpContent? Body)> Requests(Guid sessionId)
    {
        var session = $"{Sessions}/{sessionId}";
        yield return (HttpMethod.Post, Sessions, JsonContent.Create(new { fromKeyEpoch = 1, revoke = Array.Empty<Guid>() }));
        yield return (HttpMethod.Put, session + "/entries", JsonContent.Create(EntriesBody([(vault.Entries[1], 1)], 200)));
        yield return (HttpMethod.Put, $"{session}/attachments/{attachmentId}", TestAttachments.Body([1, 2, 3]));
        yield return (HttpMethod.Get, session, null);
        yield return (HttpMethod.Post, session + "/commit",
            JsonContent.Create(new { members = new[] { new { userId = vault.Alice.Account.UserId, wrappedKey = TestVaults.WrappedKey(), granterSignature = TestVaults.Signature() } } }));
        yield return (HttpMethod.Delete, session, null);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        return await client.SendAsync(request);
    }

    private async Task<Guid> OpenAsync()
    {
        using var open = await vault.Admin.PostAsJsonAsync(Sessions, new { fromKeyEpoch = 1, revoke = Array.Empty<Guid>() });
        var body = await open.ReadJsonAsync();
        Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return body.GetProperty("sessionId").GetGuid();
    }

    private async Task<List<(Guid EntryId, long Version)>> LiveEntriesAsync()
    {
        var listed = await (await vault.Admin.GetAsync($"/api/v1/vaults/{vault.VaultId}/entries")).ReadJsonAsync();
        return [.. listed.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("entryId").GetGuid(), e.GetProperty("version").GetInt64())).OrderBy(e => e.Item1)];
    }

    private static object EntriesBody(IEnumerable<(Guid EntryId, long Version)> entries, int plaintextBytes) => new
    {
        entries = entries.Select(e => new { entryId = e.EntryId, replacesVersion = e.Version, ciphertext = TestVaults.Ciphertext(plaintextBytes) }).ToList(),
    };

    private async Task UploadEntriesAsync(Guid sessionId, IEnumerable<(Guid EntryId, long Version)> entries, int plaintextBytes = 20_000)
    {
        var list = entries.ToList();
        using var upload = await vault.Admin.PutAsJsonAsync($"{Sessions}/{sessionId}/entries", EntriesBody(list, plaintextBytes));
        var body = await upload.ReadJsonAsync();
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("uploadedEntries").GetInt32(), Is.GreaterThanOrEqualTo(list.Count));
    }

    private async Task UploadAttachmentAsync(Guid sessionId)
    {
        using var upload = await vault.Admin.PutAsync($"{Sessions}/{sessionId}/attachments/{attachmentId}", TestAttachments.Body(TestAttachments.RandomBody(4000)));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK), await upload.Content.ReadAsStringAsync());
    }

    private static async Task CollectGarbageAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CollectBlobGarbageCommand(1000));
    }

    private int VaultBlobFiles(ApiFactory? host = null) =>
        Directory.EnumerateFiles(Path.Combine((host ?? TestApp.Factory).DataDirectory, "blobs"), "*", SearchOption.AllDirectories)
            .Count(f => f.Contains(vault.VaultId.ToString("N"), StringComparison.Ordinal));

    /// <summary>Every live entry and attachment is on <paramref name="epoch"/>, and every referenced blob exists.</summary>
    private async Task AssertWhollyOnEpochAsync(long epoch)
    {
        var current = await (await vault.Admin.GetAsync($"/api/v1/vaults/{vault.VaultId}")).ReadJsonAsync();
        Assert.That(current.GetProperty("keyEpoch").GetInt64(), Is.EqualTo(epoch));
        var v = vault.VaultId;
        Assert.That(await TestDatabase.CountAsync($"vault.entries WHERE vault_id = '{v}' AND NOT deleted AND key_epoch <> {epoch}"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync($"vault.attachments WHERE vault_id = '{v}' AND NOT deleted AND key_epoch <> {epoch}"), Is.Zero);
        var referenced = await TestDatabase.CountAsync($"vault.entries WHERE vault_id = '{v}' AND blob_key IS NOT NULL")
            + await TestDatabase.CountAsync($"vault.entry_versions WHERE vault_id = '{v}' AND blob_key IS NOT NULL")
            + await TestDatabase.CountAsync($"vault.attachments WHERE vault_id = '{v}' AND blob_key IS NOT NULL");
        var pendingStaged = await TestDatabase.CountAsync("vault.blob_garbage");
        Assert.That(VaultBlobFiles(), Is.EqualTo(referenced + pendingStaged), "every referenced blob exists; the rest is recorded garbage");
    }
}
