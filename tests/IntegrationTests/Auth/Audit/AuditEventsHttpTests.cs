using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;
using static PasswordManager.IntegrationTests.Auth.Audit.AuditLogTests;

namespace PasswordManager.IntegrationTests.Auth.Audit;

public sealed class AuditEventsHttpTests : TestBase
{
    private const string Path = "/api/v1/audit/events";

    [Test]
    public async Task AnAdminShouldPageThroughTheTenantLogNewestFirstAndFilter()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var bobAgain = await TestAccounts.LoginAsync(bob.Account);
        using var admin = TestApp.CreateClient(alice.AccessToken);

        var seen = new List<JsonElement>();
        long? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"{Path}?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items, Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(items);
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.Number ? next.GetInt64() : null;
        }
        while (cursor is not null);

        Assert.That(seen.Select(e => e.GetProperty("sequence").GetInt64()), Is.EqualTo(new long[] { 3, 2, 1 }));
        Assert.That(seen.Select(e => e.GetProperty("actorId").GetGuid()), Is.EqualTo(new[] { bob.Account.UserId, bob.Account.UserId, alice.Account.UserId }));
        var newest = seen[0];
        Assert.That(newest.GetProperty("action").GetString(), Is.EqualTo("login"));
        Assert.That(newest.GetProperty("outcome").GetString(), Is.EqualTo("success"));
        Assert.That(newest.GetProperty("deviceName").GetString(), Is.Not.Empty);
        Assert.That(newest.GetProperty("details").GetProperty("method").GetString(), Is.EqualTo("password"));
        Assert.That(bobAgain.AccessToken, Is.Not.Empty);

        var bobs = await admin.GetFromJsonAsync<JsonElement>($"{Path}?userId={bob.Account.UserId}");
        Assert.That(bobs.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        var later = await admin.GetFromJsonAsync<JsonElement>($"{Path}?from={Uri.EscapeDataString(between.ToString("O"))}");
        Assert.That(later.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()), Is.EqualTo(new long[] { 3 }));
        var earlier = await admin.GetFromJsonAsync<JsonElement>($"{Path}?to={Uri.EscapeDataString(between.ToString("O"))}");
        Assert.That(earlier.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        var none = await admin.GetFromJsonAsync<JsonElement>($"{Path}?action=login_failed");
        Assert.That(none.GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task MembersAnonymousCallersAndApiKeysShouldBeRefused()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var key = await TestApiKeys.CreateAsync(alice, TestApiKeys.AllScopes);

        using var member = TestApp.CreateClient(bob.AccessToken);
        await (await member.GetAsync(Path)).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        using var anonymous = TestApp.CreateClient();
        Assert.That((await anonymous.GetAsync(Path)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var machine = TestApiKeys.Client(key);
        Assert.That((await machine.GetAsync(Path)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task AnotherTenantsRowsShouldNeverBeListed()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var otherTenant = Guid.NewGuid();
        await AppendAsync(Record("login", otherTenant), Record("login_failed", otherTenant));
        using var admin = TestApp.CreateClient(alice.AccessToken);

        var page = await admin.GetFromJsonAsync<JsonElement>(Path);

        Assert.That(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("actorId").GetGuid()), Is.EqualTo(new[] { alice.Account.UserId }));
        Assert.That((await RowsAsync(otherTenant)).Select(r => r.Sequence), Is.EqualTo(new long[] { 1, 2 }), "each tenant has its own chain");
    }

    [TestCase("limit=0")]
    [TestCase("limit=100000")]
    [TestCase("limit=-1")]
    [TestCase("cursor=0")]
    [TestCase("cursor=-5")]
    [TestCase("cursor=99999999999999999999999")]
    [TestCase("cursor=abc")]
    [TestCase("userId=not-a-guid")]
    [TestCase("userId=00000000-0000-0000-0000-000000000000")]
    [TestCase("action=Login%20OR%201=1")]
    [TestCase("action=log%01in")]
    [TestCase("from=yesterday")]
    [TestCase("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task BadQueriesShouldGetAProblemAndNotAServerError(string query)
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var admin = TestApp.CreateClient(alice.AccessToken);

        using var response = await admin.GetAsync($"{Path}?{query}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task SharingChangesShouldBeAuditedInTheVaultsTenant()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        using var admin = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(admin);

        using (var grant = await admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", new
        {
            userId = bob.Account.UserId, permission = "write", keyEpoch = 1, wrappedKey = TestVaults.WrappedKey(), granterSignature = TestVaults.Signature(),
        }))
        {
            Assert.That(grant.IsSuccessStatusCode, Is.True, await grant.Content.ReadAsStringAsync());
        }

        var rows = await RowsAsync();
        var shared = rows.Single(r => r.Action == "vault_shared");
        Assert.That(shared.ActorId, Is.EqualTo(alice.Account.UserId));
        Assert.That(shared.ObjectId, Is.EqualTo(vaultId));
        Assert.That(shared.Details, Does.Contain(bob.Account.UserId.ToString()).And.Contain("write"));
    }
}
