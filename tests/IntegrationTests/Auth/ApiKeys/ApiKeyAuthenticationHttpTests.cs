using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Auth.ApiKeys;

/// <summary>X-Api-Key + X-Api-Secret: what authenticates, what does not, and what a scope opens.</summary>
public sealed class ApiKeyAuthenticationHttpTests : TestBase
{
    [Test]
    public async Task ShouldExportWithAnExportKeyExactlyWhatTheOwnerExports()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var session = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(session);
        var ciphertext = TestVaults.Ciphertext();
        await TestVaults.PutEntryAsync(session, vaultId, Guid.NewGuid(), ciphertext);
        var key = await TestApiKeys.CreateAsync(alice, "export");
        using var machine = TestApiKeys.Client(key);

        using var response = await machine.GetAsync("/api/v1/export");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList();
        Assert.That(lines[0].GetProperty("account").GetProperty("userId").GetGuid(), Is.EqualTo(alice.Account.UserId));
        Assert.That(lines.Single(l => l.GetProperty("type").GetString() == "entry").GetProperty("ciphertext").GetString(), Is.EqualTo(ciphertext));
    }

    [Test]
    public async Task ShouldRefuseExportToAKeyWithoutTheExportScope()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        var key = await TestApiKeys.CreateAsync(owner, "key-rotation", "user-management");
        using var machine = TestApiKeys.Client(key);

        using var response = await machine.GetAsync("/api/v1/export");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_scope_missing");
    }

    [Test]
    public async Task ShouldAnswerAWrongSecretAndAnUnknownKeyAlike()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var key = await TestApiKeys.CreateAsync(alice, "export");
        var otherSecret = (await TestApiKeys.CreateAsync(alice, "export")).Secret;

        using var wrongSecret = TestApiKeys.Client(key.Id, otherSecret);
        using var unknownKey = TestApiKeys.Client("pmk_" + new string('A', 22), key.Secret);
        using var malformedKey = TestApiKeys.Client("not-a-key", key.Secret);
        using var r1 = await wrongSecret.GetAsync("/api/v1/export");
        using var r2 = await unknownKey.GetAsync("/api/v1/export");
        using var r3 = await malformedKey.GetAsync("/api/v1/export");

        var p1 = await r1.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_api_key");
        var p2 = await r2.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_api_key");
        var p3 = await r3.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_api_key");
        Assert.That(p2.GetProperty("title").GetString(), Is.EqualTo(p1.GetProperty("title").GetString()));
        Assert.That(p3.GetProperty("title").GetString(), Is.EqualTo(p1.GetProperty("title").GetString()));
        Assert.That(await TestApiKeys.LastUsedAtAsync(key.Id), Is.Null);
    }

    [Test]
    public async Task ShouldRefuseARevokedKey()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var key = await TestApiKeys.CreateAsync(alice, "export");
        await TestApiKeys.SetColumnAsync(key.Id, "revoked_at", DateTimeOffset.UtcNow);
        using var machine = TestApiKeys.Client(key);

        using var response = await machine.GetAsync("/api/v1/export");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_api_key");
    }

    [Test]
    public async Task ShouldRefuseAnExpiredKey()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var key = await TestApiKeys.CreateAsync(alice, "export");
        await TestApiKeys.SetColumnAsync(key.Id, "expires_at", DateTimeOffset.UtcNow.AddSeconds(-1));
        using var machine = TestApiKeys.Client(key);

        using var response = await machine.GetAsync("/api/v1/export");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.api_key_expired");
    }

    [TestCase("X-Api-Key")]
    [TestCase("X-Api-Secret")]
    public async Task ShouldRefuseARequestWithOnlyOneOfTheTwoHeaders(string header)
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var key = await TestApiKeys.CreateAsync(alice, "export");
        using var client = TestApp.CreateClient();
        client.DefaultRequestHeaders.Add(header, header == "X-Api-Key" ? key.Id : key.Secret);

        using var response = await client.GetAsync("/api/v1/export");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_api_key");
    }

    [Test]
    public async Task ShouldActAsTheOwnerWithTheSameClaimsAsASession()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        using var aliceSession = TestApp.CreateClient(alice.AccessToken);
        using var bobSession = TestApp.CreateClient(bob.AccessToken);
        var aliceVault = await TestVaults.CreateAsync(aliceSession);
        var bobVault = await TestVaults.CreateAsync(bobSession);
        var key = await TestApiKeys.CreateAsync(alice, "export");
        using var machine = TestApiKeys.Client(key);

        var vaults = await machine.GetFromJsonAsync<JsonElement>("/api/v1/vaults");
        using var others = await machine.GetAsync($"/api/v1/vaults/{bobVault}");

        Assert.That(vaults.GetRawText(), Does.Contain(aliceVault.ToString()));
        Assert.That(vaults.GetRawText(), Does.Not.Contain(bobVault.ToString()));
        await others.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
    }

    [Test]
    public async Task ShouldRecordLastUseAtMostOncePerMinute()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var key = await TestApiKeys.CreateAsync(alice, "export");
        using var machine = TestApiKeys.Client(key);

        using (var first = await machine.GetAsync("/api/v1/vaults")) Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var firstUse = await TestApiKeys.LastUsedAtAsync(key.Id);
        using (var second = await machine.GetAsync("/api/v1/vaults")) Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var afterSecond = await TestApiKeys.LastUsedAtAsync(key.Id);
        var longAgo = DateTimeOffset.UtcNow.AddMinutes(-5);
        await TestApiKeys.SetColumnAsync(key.Id, "last_used_at", longAgo);
        using (var third = await machine.GetAsync("/api/v1/vaults")) Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var afterThird = await TestApiKeys.LastUsedAtAsync(key.Id);

        Assert.That(firstUse, Is.Not.Null.And.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(afterSecond, Is.EqualTo(firstUse), "a second use within the minute must not write");
        Assert.That(afterThird, Is.GreaterThan(longAgo.AddMinutes(4)));
        using var session = TestApp.CreateClient(alice.AccessToken);
        var listed = await session.GetFromJsonAsync<JsonElement>("/api/v1/auth/api-keys");
        Assert.That(listed.GetProperty("items")[0].GetProperty("lastUsedAt").GetDateTimeOffset(), Is.EqualTo(afterThird!.Value).Within(TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task ShouldRotateEncryptionKeysWithTheKeyRotationScopeOnly()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        using var admin = TestApp.CreateClient(owner.AccessToken);
        using (var encrypt = await admin.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "tokens", data = Convert.ToBase64String(Encoding.UTF8.GetBytes("x")) }))
            Assert.That(encrypt.StatusCode, Is.EqualTo(HttpStatusCode.OK), await encrypt.Content.ReadAsStringAsync());
        var rotation = await TestApiKeys.CreateAsync(owner, "key-rotation");
        var export = await TestApiKeys.CreateAsync(owner, "export");
        using var rotator = TestApiKeys.Client(rotation);
        using var exporter = TestApiKeys.Client(export);

        using var rotated = await rotator.PostAsJsonAsync("/v1/rotate", new { encryptionId = "tokens" });
        using var progress = await rotator.GetAsync("/v1/encryptions/tokens/reencryption");
        using var refused = await exporter.PostAsJsonAsync("/v1/rotate", new { encryptionId = "tokens" });
        using var encryptRefused = await rotator.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "tokens", data = "eA==" });

        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rotated.Content.ReadAsStringAsync());
        Assert.That(progress.StatusCode, Is.EqualTo(HttpStatusCode.OK), await progress.Content.ReadAsStringAsync());
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_scope_missing");
        await encryptRefused.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        var context = await admin.GetFromJsonAsync<JsonElement>("/v1/encryptions/tokens");
        Assert.That(context.GetProperty("latestVersion").GetInt32(), Is.EqualTo(2), "one rotation only: the refused one must not count");
    }
}
