using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Sharing;

/// <summary>Expiring grants end access without a write; the vault is then flagged "re-key recommended" until re-keyed.</summary>
public sealed class ExpiryHttpTests : TestBase
{
    private readonly ShiftedClock clock = new();
    private WebApplicationFactory<Program> host = null!;
    private LoggedIn alice = null!;
    private LoggedIn bob = null!;
    private HttpClient admin = null!;
    private HttpClient member = null!;
    private Guid vaultId;

    [SetUp]
    public async Task ArrangeAsync()
    {
        clock.Offset = TimeSpan.Zero;
        host = clock.Host();
        alice = await TestAccounts.RegisterAndLoginAsync("alice");
        bob = await TestAccounts.RegisterAndLoginAsync("bob");
        admin = Client(alice);
        member = Client(bob);
        vaultId = await TestVaults.CreateAsync(admin);
        await TestVaults.PutEntryAsync(admin, vaultId, Guid.NewGuid(), TestVaults.Ciphertext());
    }

    [TearDown]
    public async Task DisposeAsync()
    {
        admin.Dispose();
        member.Dispose();
        await host.DisposeAsync();
    }

    [Test]
    public async Task ShouldEndAccessAtExpiryReportItInSyncAndRecommendAReKeyUntilOne()
    {
        var expiresAt = clock.GetUtcNow().AddMinutes(1);
        using (var grant = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", GrantBody(bob.Account.UserId, "write", expiresAt)))
            Assert.That(grant.StatusCode, Is.EqualTo(HttpStatusCode.Created), await grant.Content.ReadAsStringAsync());
        var bobCursor = (await SharedVault.SyncAsync(member)).GetProperty("cursor").GetString();
        var aliceCursor = (await SharedVault.SyncAsync(admin)).GetProperty("cursor").GetString();
        var before = Member(await GetJsonAsync(admin, $"/api/v1/vaults/{vaultId}/members"), bob.Account.UserId);
        var vaultBefore = await GetJsonAsync(admin, $"/api/v1/vaults/{vaultId}");
        var aliceQuiet = await SharedVault.SyncAsync(admin, aliceCursor);

        clock.Offset = TimeSpan.FromMinutes(2);

        var bobSync = await SharedVault.SyncAsync(member, bobCursor);
        using var bobRead = await member.GetAsync($"/api/v1/vaults/{vaultId}");
        var vault = await GetJsonAsync(admin, $"/api/v1/vaults/{vaultId}");
        var listed = (await GetJsonAsync(admin, "/api/v1/vaults")).GetProperty("items")[0];
        var aliceSync = await SharedVault.SyncAsync(admin, aliceCursor);
        var after = Member(await GetJsonAsync(admin, $"/api/v1/vaults/{vaultId}/members"), bob.Account.UserId);

        Assert.That(before.GetProperty("expired").GetBoolean(), Is.False);
        Assert.That(before.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(expiresAt).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That(vaultBefore.GetProperty("rekeyRecommended").GetBoolean(), Is.False);
        Assert.That(aliceQuiet.GetProperty("vaults").GetArrayLength(), Is.Zero, "nothing to report before the expiry");
        Assert.That(bobSync.GetProperty("lostAccess").EnumerateArray().Select(v => v.GetGuid()), Is.EqualTo(new[] { vaultId }),
            "the expiry wrote nothing, yet the delta sync reports the lost access");
        await bobRead.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        Assert.That(after.GetProperty("expired").GetBoolean(), Is.True);
        foreach (var summary in new[] { vault, listed, aliceSync.GetProperty("vaults")[0] })
        {
            Assert.That(summary.GetProperty("rekeyRecommended").GetBoolean(), Is.True, summary.ToString());
            var reason = summary.GetProperty("rekeyReasons")[0];
            Assert.That(reason.GetProperty("userId").GetGuid(), Is.EqualTo(bob.Account.UserId));
            Assert.That(reason.GetProperty("reason").GetString(), Is.EqualTo("member_expired"));
        }

        // The re-key takes no key for the expired member and revokes them.
        using var wrongly = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey", await RekeyBodyAsync(includeExpired: true));
        var problem = await wrongly.AssertProblemAsync(HttpStatusCode.Conflict, "vault.rekey_mismatch");
        Assert.That(problem.GetProperty("details").GetProperty("unexpectedMembers")[0].GetGuid(), Is.EqualTo(bob.Account.UserId));
        using var rekey = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/rekey", await RekeyBodyAsync(includeExpired: false));
        var result = await rekey.ReadJsonAsync();
        Assert.That(rekey.StatusCode, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That(result.GetProperty("revoked").EnumerateArray().Select(v => v.GetGuid()), Is.EqualTo(new[] { bob.Account.UserId }));
        var cleared = await GetJsonAsync(admin, $"/api/v1/vaults/{vaultId}");
        Assert.That(cleared.GetProperty("rekeyRecommended").GetBoolean(), Is.False);
        Assert.That(cleared.GetProperty("rekeyReasons").GetArrayLength(), Is.Zero);
        var members = await GetJsonAsync(admin, $"/api/v1/vaults/{vaultId}/members");
        Assert.That(members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()), Is.EqualTo(new[] { alice.Account.UserId }));
    }

    [Test]
    public async Task ShouldRecommendAReKeyWhenAMemberLeavesAndOnlyToAdmins()
    {
        using (var grant = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", GrantBody(bob.Account.UserId, "read", null)))
            Assert.That(grant.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var carol = await TestAccounts.RegisterAndLoginAsync("carol");
        using (var grant = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", GrantBody(carol.Account.UserId, "write", null)))
            Assert.That(grant.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var carolClient = Client(carol);
        var bobView = await GetJsonAsync(member, $"/api/v1/vaults/{vaultId}");

        using (var leave = await member.DeleteAsync($"/api/v1/vaults/{vaultId}/members/me")) Assert.That(leave.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var vault = await GetJsonAsync(admin, $"/api/v1/vaults/{vaultId}");
        var carolView = await GetJsonAsync(carolClient, $"/api/v1/vaults/{vaultId}");
        Assert.That(bobView.TryGetProperty("rekeyRecommended", out _), Is.False, "not shown to a reader");
        Assert.That(carolView.TryGetProperty("rekeyRecommended", out _), Is.False, "not shown to a writer");
        Assert.That(vault.GetProperty("rekeyRecommended").GetBoolean(), Is.True);
        Assert.That(vault.GetProperty("rekeyReasons")[0].GetProperty("reason").GetString(), Is.EqualTo("member_removed"));
    }

    private static JsonElement Member(JsonElement list, Guid userId) =>
        list.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("userId").GetGuid() == userId);

    private async Task<object> RekeyBodyAsync(bool includeExpired)
    {
        var entries = (await GetJsonAsync(admin, $"/api/v1/vaults/{vaultId}/entries")).GetProperty("items").EnumerateArray()
            .Select(e => new { entryId = e.GetProperty("entryId").GetGuid(), replacesVersion = e.GetProperty("version").GetInt64(), ciphertext = TestVaults.Ciphertext() })
            .ToList();
        var members = (await GetJsonAsync(admin, $"/api/v1/vaults/{vaultId}/members")).GetProperty("items").EnumerateArray()
            .Where(m => includeExpired || !m.GetProperty("expired").GetBoolean())
            .Select(m => new { userId = m.GetProperty("userId").GetGuid(), wrappedKey = TestVaults.WrappedKey(), granterSignature = TestVaults.Signature() })
            .ToList();
        return new { fromKeyEpoch = 1, revoke = Array.Empty<Guid>(), entries, members };
    }

    private static object GrantBody(Guid userId, string permission, DateTimeOffset? expiresAt) => new
    {
        userId,
        permission,
        keyEpoch = 1,
        wrappedKey = TestVaults.WrappedKey(),
        granterSignature = TestVaults.Signature(),
        expiresAt,
    };

    private HttpClient Client(LoggedIn user)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        return client;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }
}
