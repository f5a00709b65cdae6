using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Vault.Attachments.TestAttachments;

namespace PasswordManager.IntegrationTests.Vault.Attachments;

public sealed class AttachmentSyncHttpTests : TestBase
{
    [Test]
    public async Task ShouldSendLiveAttachmentsOnAFullSyncAndChangesIncludingDeletionsOnADelta()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var (kept, removed, added) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await UploadAsync(client, vaultId, entryId, kept, RandomBody(1000));
        await UploadAsync(client, vaultId, entryId, removed, RandomBody(1000));

        var full = await SyncAsync(client, null);
        (await client.DeleteAsync(PathOf(vaultId, entryId, removed))).Dispose();
        await UploadAsync(client, vaultId, entryId, added, RandomBody(1000));
        var delta = await SyncAsync(client, full.GetProperty("cursor").GetString());
        var again = await SyncAsync(client, delta.GetProperty("cursor").GetString());

        Assert.That(Attachments(full).Select(a => a.GetProperty("attachmentId").GetGuid()), Is.EquivalentTo(new[] { kept, removed }));
        Assert.That(Attachments(full).Select(a => a.GetProperty("entryId").GetGuid()), Has.All.EqualTo(entryId));
        var changed = Attachments(delta);
        Assert.That(changed.Select(a => (a.GetProperty("attachmentId").GetGuid(), a.GetProperty("deleted").GetBoolean())),
            Is.EqualTo(new[] { (removed, true), (added, false) }));
        Assert.That(delta.GetProperty("entries").GetArrayLength(), Is.Zero, "the entry itself did not change");
        Assert.That(Attachments(again), Is.Empty);
    }

    [Test]
    public async Task ShouldLeaveAttachmentsOfDeletedEntriesOutOfAFullSync()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        await UploadAsync(client, vaultId, entryId, Guid.NewGuid(), RandomBody(1000));
        (await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}?version=1")).Dispose();

        var full = await SyncAsync(client, null);

        Assert.That(Attachments(full), Is.Empty);
        Assert.That(full.GetProperty("entries").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task ShouldPageEntriesAndAttachmentsTogetherExactlyOnce()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var expected = new List<Guid> { entryId };
        for (var i = 0; i < 3; i++)
        {
            var attachmentId = Guid.NewGuid();
            await UploadAsync(client, vaultId, entryId, attachmentId, RandomBody(100));
            expected.Add(attachmentId);
            var otherEntry = Guid.NewGuid();
            await TestVaults.PutEntryAsync(client, vaultId, otherEntry, TestVaults.Ciphertext());
            expected.Add(otherEntry);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = await SyncAsync(client, cursor, limit: 2);
            var ids = page.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("entry").GetProperty("revision").GetInt64(), e.GetProperty("entry").GetProperty("entryId").GetGuid()))
                .Concat(Attachments(page).Select(a => (a.GetProperty("revision").GetInt64(), a.GetProperty("attachmentId").GetGuid())))
                .OrderBy(c => c.Item1).Select(c => c.Item2).ToList();
            Assert.That(ids, Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(ids);
            cursor = page.GetProperty("cursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean()) break;
        }

        Assert.That(seen, Is.EqualTo(expected), "every change once, in revision order");
    }

    private static List<JsonElement> Attachments(JsonElement sync) => sync.GetProperty("attachments").EnumerateArray().ToList();

    private static async Task<JsonElement> SyncAsync(HttpClient client, string? cursor, int? limit = null)
    {
        var query = new List<string>();
        if (cursor is not null) query.Add("cursor=" + Uri.EscapeDataString(cursor));
        if (limit is not null) query.Add($"limit={limit}");
        return await client.GetFromJsonAsync<JsonElement>("/api/v1/sync" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
    }
}
