using System.Net;
using System.Text.Json;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Sync;

public sealed class SyncChangesHttpTests : TestBase
{
    [Test]
    public async Task ShouldSendEverythingLiveOnAFullSync()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var (live, deleted) = (Guid.NewGuid(), Guid.NewGuid());
        var ciphertext = TestVaults.Ciphertext();
        await TestVaults.PutEntryAsync(client, vaultId, live, ciphertext);
        await TestVaults.PutEntryAsync(client, vaultId, deleted, TestVaults.Ciphertext());
        (await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{deleted}?version=1")).Dispose();

        var sync = await SyncAsync(client, null);

        Assert.That(sync.GetProperty("vaults").EnumerateArray().Select(v => v.GetProperty("vaultId").GetGuid()), Is.EqualTo(new[] { vaultId }));
        var entries = sync.GetProperty("entries").EnumerateArray().ToList();
        Assert.That(entries.Select(e => e.GetProperty("entry").GetProperty("entryId").GetGuid()), Is.EqualTo(new[] { live }));
        Assert.That(entries[0].GetProperty("ciphertext").GetString(), Is.EqualTo(ciphertext));
        Assert.That(sync.GetProperty("hasMore").GetBoolean(), Is.False);
    }

    [Test]
    public async Task ShouldSendOnlyWhatChangedSinceTheCursorIncludingDeletions()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids) await TestVaults.PutEntryAsync(client, vaultId, id, TestVaults.Ciphertext());
        var cursor = (await SyncAsync(client, null)).GetProperty("cursor").GetString();

        await TestVaults.PutEntryAsync(client, vaultId, ids[0], TestVaults.Ciphertext(), replaces: 1);
        (await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{ids[1]}?version=1")).Dispose();
        var delta = await SyncAsync(client, cursor);
        var again = await SyncAsync(client, delta.GetProperty("cursor").GetString());

        var changed = delta.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entry")).ToList();
        Assert.That(changed.Select(e => e.GetProperty("entryId").GetGuid()), Is.EqualTo(new[] { ids[0], ids[1] }));
        Assert.That(changed[1].GetProperty("deleted").GetBoolean(), Is.True);
        Assert.That(delta.GetProperty("vaults").GetArrayLength(), Is.Zero, "the vault itself did not change");
        Assert.That(again.GetProperty("entries").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task ShouldPageThroughEveryChangeExactlyOnce()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var first = await TestVaults.CreateAsync(client);
        var second = await TestVaults.CreateAsync(client);
        var written = new List<Guid>();
        foreach (var vault in new[] { first, second })
            for (var i = 0; i < 5; i++)
            {
                var id = Guid.NewGuid();
                written.Add(id);
                await TestVaults.PutEntryAsync(client, vault, id, TestVaults.Ciphertext());
            }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await SyncAsync(client, cursor, limit: 3);
            seen.AddRange(page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entry").GetProperty("entryId").GetGuid()));
            cursor = page.GetProperty("cursor").GetString();
            pages++;
            if (!page.GetProperty("hasMore").GetBoolean()) break;
        }
        while (pages < 20);

        Assert.That(seen, Is.EquivalentTo(written));
        Assert.That(pages, Is.EqualTo(4));
    }

    [Test]
    public async Task ShouldTellAMemberThatLostAccessAndSendNothingMore()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        using var aliceClient = TestApp.CreateClient(alice.AccessToken);
        using var bobClient = TestApp.CreateClient(bob.AccessToken);
        var vaultId = await TestVaults.CreateAsync(aliceClient);
        await TestVaults.PutEntryAsync(aliceClient, vaultId, Guid.NewGuid(), TestVaults.Ciphertext());
        await TestVaults.GrantDirectlyAsync(vaultId, bob.Account.UserId, Permission.Read);
        var bobFirst = await SyncAsync(bobClient, null);
        Assert.That(bobFirst.GetProperty("entries").GetArrayLength(), Is.EqualTo(1));

        await TestVaults.RevokeDirectlyAsync(vaultId, bob.Account.UserId);
        await TestVaults.PutEntryAsync(aliceClient, vaultId, Guid.NewGuid(), TestVaults.Ciphertext());
        var bobAfter = await SyncAsync(bobClient, bobFirst.GetProperty("cursor").GetString());
        var bobLater = await SyncAsync(bobClient, bobAfter.GetProperty("cursor").GetString());

        Assert.That(bobAfter.GetProperty("lostAccess").EnumerateArray().Select(v => v.GetGuid()), Is.EqualTo(new[] { vaultId }));
        Assert.That(bobAfter.GetProperty("entries").GetArrayLength(), Is.Zero);
        Assert.That(bobLater.GetProperty("lostAccess").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task ShouldRejectACursorItDidNotIssue()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.GetAsync("/api/v1/sync?cursor=bm90LWEtY3Vyc29y");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.invalid_cursor");
    }

    private static async Task<JsonElement> SyncAsync(HttpClient client, string? cursor, int? limit = null)
    {
        var query = new List<string>();
        if (cursor is not null) query.Add($"cursor={Uri.EscapeDataString(cursor)}");
        if (limit is not null) query.Add($"limit={limit}");
        using var response = await client.GetAsync("/api/v1/sync" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }
}
