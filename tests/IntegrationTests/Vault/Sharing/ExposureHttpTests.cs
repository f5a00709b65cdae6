using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Sharing.AccessLog.PurgeAccessLog;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault.Attachments;

namespace PasswordManager.IntegrationTests.Vault.Sharing;

public sealed class ExposureHttpTests : TestBase
{
    private SharedVault vault = null!;

    [SetUp]
    public async Task ArrangeAsync() => vault = await SharedVault.CreateAsync();

    [TearDown]
    public void Dispose() => vault.Dispose();

    private string ExposurePath(Guid userId) => $"/api/v1/vaults/{vault.VaultId}/members/{userId}/exposure";

    [Test]
    public async Task ShouldListNothingForAMemberWhoFetchedNothing()
    {
        var exposure = await GetExposureAsync(vault.Reader.Account.UserId);

        Assert.That(exposure.GetProperty("userId").GetGuid(), Is.EqualTo(vault.Reader.Account.UserId));
        Assert.That(exposure.GetProperty("entries").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task ShouldRecordEveryWayAMemberFetchesACiphertext()
    {
        var (e0, e1, e2) = (vault.Entries[0], vault.Entries[1], vault.Entries[2]);
        await TestVaults.PutEntryAsync(vault.Admin, vault.VaultId, e0, TestVaults.Ciphertext(), replaces: 1);
        var reader = vault.ReaderClient;

        var sync = await SharedVault.SyncAsync(reader);          // inline: e0 (v2) and e1; e2 (20 KB) is not inline
        var syncedInline = sync.GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("ciphertextInline").GetBoolean());
        var afterSync = await GetExposureAsync(vault.Reader.Account.UserId);
        (await reader.PostAsJsonAsync($"/api/v1/vaults/{vault.VaultId}/entries/fetch", new { entryIds = new[] { e2 } })).Dispose();
        (await reader.GetAsync($"/api/v1/vaults/{vault.VaultId}/entries/{e1}")).Dispose();
        (await reader.GetAsync($"/api/v1/vaults/{vault.VaultId}/entries/{e0}/versions/1")).Dispose();

        var exposure = await GetExposureAsync(vault.Reader.Account.UserId);
        Assert.That(syncedInline, Is.EqualTo(2));
        Assert.That(Ids(afterSync), Is.EquivalentTo(new[] { e0, e1 }), "a sync page counts only for the ciphertexts it carried");
        Assert.That(Ids(exposure), Is.EquivalentTo(new[] { e0, e1, e2 }));
        var first = exposure.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("entryId").GetGuid() == e0);
        Assert.That(first.GetProperty("version").GetInt64(), Is.EqualTo(2), "the highest version seen, not the last one fetched");
        Assert.That(first.GetProperty("lastFetchedAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(first.GetProperty("firstFetchedAt").GetDateTimeOffset()));
        Assert.That(first.GetProperty("deleted").GetBoolean(), Is.False);
        Assert.That(await TestDatabase.CountAsync("sharing.entry_fetches"), Is.EqualTo(3 + vault.Entries.Count),
            "one row per (vault, user, entry): the reader's three and the admin's, who wrote every entry");
        Assert.That(Ids(await GetExposureAsync(vault.Writer.Account.UserId)), Is.Empty);
    }

    [Test]
    public async Task ShouldRecordAttachmentDownloadsAndExportsAndListDeletedEntries()
    {
        var (e0, e1) = (vault.Entries[0], vault.Entries[1]);
        var attachmentId = Guid.NewGuid();
        using (var upload = await vault.Admin.PutAsync(
                   $"/api/v1/vaults/{vault.VaultId}/entries/{e0}/attachments/{attachmentId}?keyEpoch=1", TestAttachments.Body(TestAttachments.RandomBody(1000))))
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());

        (await vault.WriterClient.GetAsync($"/api/v1/vaults/{vault.VaultId}/entries/{e0}/attachments/{attachmentId}")).Dispose();
        var afterDownload = await GetExposureAsync(vault.Writer.Account.UserId);
        using (var export = await vault.WriterClient.GetAsync("/api/v1/export")) Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var delete = await vault.Admin.DeleteAsync($"/api/v1/vaults/{vault.VaultId}/entries/{e1}?version=1"))
            Assert.That(delete.IsSuccessStatusCode, await delete.Content.ReadAsStringAsync());

        var exposure = await GetExposureAsync(vault.Writer.Account.UserId);
        Assert.That(Ids(afterDownload), Is.EqualTo(new[] { e0 }));
        Assert.That(Ids(exposure), Is.EquivalentTo(vault.Entries));
        var deleted = exposure.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("entryId").GetGuid() == e1);
        Assert.That(deleted.GetProperty("deleted").GetBoolean(), Is.True, "a deleted entry stays listed: its secret was seen");
    }

    [Test]
    public async Task ShouldCountWhatAMemberWroteAsSeenButNotWhatTheyDeleted()
    {
        var (written, deleted) = (Guid.NewGuid(), vault.Entries[1]);
        await TestVaults.PutEntryAsync(vault.WriterClient, vault.VaultId, written, TestVaults.Ciphertext());
        await TestVaults.PutEntryAsync(vault.WriterClient, vault.VaultId, written, TestVaults.Ciphertext(), replaces: 1);
        using (var delete = await vault.WriterClient.DeleteAsync($"/api/v1/vaults/{vault.VaultId}/entries/{deleted}?version=1"))
            Assert.That(delete.IsSuccessStatusCode, await delete.Content.ReadAsStringAsync());

        var exposure = await GetExposureAsync(vault.Writer.Account.UserId);

        Assert.That(Ids(exposure), Is.EqualTo(new[] { written }), "the writer knows what they wrote; a delete reveals nothing");
        Assert.That(exposure.GetProperty("entries")[0].GetProperty("version").GetInt64(), Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldReportTheRevokedMembersExposureInTheReKeyResult()
    {
        (await vault.ReaderClient.GetAsync($"/api/v1/vaults/{vault.VaultId}/entries/{vault.Entries[1]}")).Dispose();

        using var rekey = await vault.Admin.PostAsJsonAsync($"/api/v1/vaults/{vault.VaultId}/rekey", await vault.RekeyBodyAsync(1, vault.Reader.Account.UserId));

        var result = await rekey.ReadJsonAsync();
        Assert.That(rekey.StatusCode, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        var exposure = result.GetProperty("exposure").EnumerateArray().Single();
        Assert.That(exposure.GetProperty("userId").GetGuid(), Is.EqualTo(vault.Reader.Account.UserId));
        Assert.That(Ids(exposure), Is.EqualTo(new[] { vault.Entries[1] }));
        Assert.That(Ids(await GetExposureAsync(vault.Reader.Account.UserId)), Is.EqualTo(new[] { vault.Entries[1] }), "still listed after the revocation");
    }

    [Test]
    public async Task ShouldRefreshTheLastFetchOnlyOncePerResolution()
    {
        var path = $"/api/v1/vaults/{vault.VaultId}/entries/{vault.Entries[1]}";
        await using var everyFetch = new ApiFactory(new Dictionary<string, string?> { ["Vault:AccessLogResolution"] = "00:00:00" });
        using var precise = everyFetch.CreateClient();
        precise.DefaultRequestHeaders.Authorization = new("Bearer", vault.Reader.AccessToken);

        (await vault.ReaderClient.GetAsync(path)).Dispose();
        var first = LastFetch(await GetExposureAsync(vault.Reader.Account.UserId));
        (await vault.ReaderClient.GetAsync(path)).Dispose();
        var withinResolution = LastFetch(await GetExposureAsync(vault.Reader.Account.UserId));
        (await precise.GetAsync(path)).Dispose();
        var refreshed = LastFetch(await GetExposureAsync(vault.Reader.Account.UserId));

        Assert.That(withinResolution, Is.EqualTo(first), "a repeated fetch within the resolution writes nothing");
        Assert.That(refreshed, Is.GreaterThan(first));
    }

    [Test]
    public async Task ShouldPurgeRowsPastTheRetention()
    {
        (await vault.ReaderClient.GetAsync($"/api/v1/vaults/{vault.VaultId}/entries/{vault.Entries[1]}")).Dispose();
        await using var shortRetention = new ApiFactory(new Dictionary<string, string?> { ["Vault:AccessLogRetention"] = "00:00:00" });
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        await using var shortScope = shortRetention.Services.CreateAsyncScope();

        var kept = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeAccessLogCommand());
        var purged = await shortScope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeAccessLogCommand());

        Assert.That(kept, Is.Zero, "the default retention keeps a fresh row");
        Assert.That(purged, Is.EqualTo(1 + vault.Entries.Count), "the reader's fetch and the admin's writes");
        Assert.That(await TestDatabase.CountAsync("sharing.entry_fetches"), Is.Zero);
    }

    [Test]
    public async Task ShouldShowExposureToAdminsOnly()
    {
        foreach (var (who, client, status, code) in await vault.OutsidersAsync())
        {
            using var response = await client.GetAsync(ExposurePath(vault.Reader.Account.UserId));
            Assert.That(response.StatusCode, Is.EqualTo(status), who);
            await response.AssertProblemAsync(status, code);
        }

        foreach (var (who, client) in vault.NonAdmins())
        {
            using var response = await client.GetAsync(ExposurePath(vault.Reader.Account.UserId));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), who);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.admin_forbidden");
        }
    }

    private async Task<JsonElement> GetExposureAsync(Guid userId)
    {
        using var response = await vault.Admin.GetAsync(ExposurePath(userId));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static DateTimeOffset LastFetch(JsonElement exposure) => exposure.GetProperty("entries")[0].GetProperty("lastFetchedAt").GetDateTimeOffset();

    private static List<Guid> Ids(JsonElement exposure) =>
        [.. exposure.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entryId").GetGuid())];
}
