using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.ApiKeys;

/// <summary>Managing API keys: create, list, revoke, and who may do it.</summary>
public sealed class ApiKeysHttpTests : TestBase
{
    private const string Path = "/api/v1/auth/api-keys";

    [Test]
    public async Task ShouldShowTheSecretOnceAndStoreOnlyAKeyedHash()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var expiresAt = DateTimeOffset.UtcNow.AddDays(30);

        using var response = await client.PostAsJsonAsync(Path, new { name = "  nightly backup ", scopes = new[] { "export" }, expiresAt });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        var id = body.GetProperty("id").GetString()!;
        var secret = body.GetProperty("secret").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"{Path}/{id}"));
            Assert.That(id, Does.StartWith("pmk_"));
            Assert.That(secret, Does.StartWith("pms_"));
            Assert.That(Convert.FromBase64String(Base64(secret["pms_".Length..])), Has.Length.EqualTo(32));
            Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("nightly backup"));
            Assert.That(body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "export" }));
            Assert.That(body.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(expiresAt).Within(TimeSpan.FromMilliseconds(1)));
        });

        await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT secret_hash, user_id, tenant_id FROM auth.api_keys WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.That(await reader.ReadAsync(), Is.True);
            var hash = (byte[])reader[0];
            Assert.That(hash, Has.Length.EqualTo(32));
            Assert.That(hash, Is.Not.EqualTo(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))),
                "the hash must be keyed with the server pepper");
            Assert.That(reader.GetGuid(1), Is.EqualTo(alice.Account.UserId));
        }

        using var list = await client.GetAsync(Path);
        var listed = await list.Content.ReadAsStringAsync();
        Assert.That(listed, Does.Not.Contain(secret));
        Assert.That(listed, Does.Not.Contain("\"secret"));
        var dump = await TestDatabase.DumpAsync();
        Assert.That(dump, Does.Contain(id));
        Assert.That(dump, Does.Not.Contain(secret));
        Assert.That(dump, Does.Not.Contain(secret["pms_".Length..]));
        using var used = TestApiKeys.Client(id, secret);
        using var export = await used.GetAsync("/api/v1/export");
        Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(TestApp.Factory.Logs.All, Does.Not.Contain(secret["pms_".Length..]));
    }

    [Test]
    public async Task ShouldListOnlyTheCallersKeysThatAreNotRevoked()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var first = await TestApiKeys.CreateAsync(alice, "export");
        var second = await TestApiKeys.CreateAsync(alice, "export");
        await TestApiKeys.CreateAsync(bob, "export");
        using var client = TestApp.CreateClient(alice.AccessToken);
        using (var revoke = await client.DeleteAsync($"{Path}/{first.Id}")) Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var items = (await client.GetFromJsonAsync<JsonElement>(Path)).GetProperty("items").EnumerateArray().ToList();

        Assert.That(items.Select(i => i.GetProperty("id").GetString()), Is.EqualTo(new[] { second.Id }));
        Assert.That(items[0].GetProperty("scopes")[0].GetString(), Is.EqualTo("export"));
        Assert.That(items[0].TryGetProperty("lastUsedAt", out _), Is.False, "never used yet");
    }

    [Test]
    public async Task ShouldRevokeAKeySoItStopsWorkingAtOnce()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var key = await TestApiKeys.CreateAsync(alice, "export");
        using var machine = TestApiKeys.Client(key);
        using (var before = await machine.GetAsync("/api/v1/vaults")) Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var client = TestApp.CreateClient(alice.AccessToken);
        using var response = await client.DeleteAsync($"{Path}/{key.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var after = await machine.GetAsync("/api/v1/vaults");
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_api_key");
        using var again = await client.DeleteAsync($"{Path}/{key.Id}");
        await again.AssertProblemAsync(HttpStatusCode.NotFound, "auth.api_key_not_found");
    }

    [Test]
    public async Task ShouldAnswerNotFoundForAnotherUsersKeyAndLeaveItWorking()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");
        var key = await TestApiKeys.CreateAsync(alice, "export");
        using var client = TestApp.CreateClient(mallory.AccessToken);

        using var response = await client.DeleteAsync($"{Path}/{key.Id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "auth.api_key_not_found");
        using var machine = TestApiKeys.Client(key);
        using var stillWorks = await machine.GetAsync("/api/v1/vaults");
        Assert.That(stillWorks.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("GET", Path)]
    [TestCase("POST", Path)]
    [TestCase("DELETE", Path + "/pmk_x")]
    public async Task ShouldAnswerAnonymousCallersWithUnauthorized(string method, string path)
    {
        using var client = TestApp.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = JsonContent.Create(new { name = "x", scopes = new[] { "export" } });

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.That(await TestDatabase.CountAsync("auth.api_keys"), Is.Zero);
    }

    [Test]
    public async Task ShouldNotLetAnApiKeyCreateListOrRevokeKeys()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var key = await TestApiKeys.CreateAsync(alice, TestApiKeys.AllScopes);
        using var machine = TestApiKeys.Client(key);

        using var create = await machine.PostAsJsonAsync(Path, new { name = "escalate", scopes = new[] { "export" } });
        using var list = await machine.GetAsync(Path);
        using var revoke = await machine.DeleteAsync($"{Path}/{key.Id}");

        await create.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        await list.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        await revoke.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        Assert.That(await TestDatabase.CountAsync("auth.api_keys WHERE revoked_at IS NULL"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldNotLetAnApiKeyAndASessionTogetherReachKeyManagement()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var key = await TestApiKeys.CreateAsync(alice, "export");
        using var client = TestApiKeys.Client(key);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", alice.AccessToken);

        using var response = await client.PostAsJsonAsync(Path, new { name = "x", scopes = new[] { "export" } });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        Assert.That(await TestDatabase.CountAsync("auth.api_keys"), Is.EqualTo(1));
    }

    [TestCase("user-management")]
    [TestCase("key-rotation")]
    public async Task ShouldKeepTenantScopesForOwnersAndAdmins(string scope)
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        var member = await TestAccounts.RegisterAndLoginAsync("member");
        using var memberClient = TestApp.CreateClient(member.AccessToken);

        using var refused = await memberClient.PostAsJsonAsync(Path, new { name = "x", scopes = new[] { "export", scope } });

        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_scope_not_allowed");
        Assert.That(await TestDatabase.CountAsync("auth.api_keys"), Is.Zero);
        var created = await TestApiKeys.CreateAsync(owner, scope);
        Assert.That(created.Body.GetProperty("scopes")[0].GetString(), Is.EqualTo(scope));
    }

    [Test]
    public async Task ShouldLetTheUserManagementScopeInviteOnlyWhileTheOwnerIsAnAdmin()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        var key = await TestApiKeys.CreateAsync(owner, "user-management");
        var exportOnly = await TestApiKeys.CreateAsync(owner, "export");
        using var machine = TestApiKeys.Client(key);
        using var wrongScope = TestApiKeys.Client(exportOnly);

        using var invited = await machine.PostAsJsonAsync("/api/v1/tenant/invitations", new { role = "member" });
        using var refused = await wrongScope.PostAsJsonAsync("/api/v1/tenant/invitations", new { role = "member" });

        Assert.That(invited.StatusCode, Is.EqualTo(HttpStatusCode.Created), await invited.Content.ReadAsStringAsync());
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_scope_missing");
        Assert.That(await TestDatabase.CountAsync("auth.invitations"), Is.EqualTo(1));

        await using (var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Database))
        {
            await connection.OpenAsync();
            await using var demote = new Npgsql.NpgsqlCommand("UPDATE auth.users SET role = 'Member' WHERE id = @id", connection);
            demote.Parameters.AddWithValue("id", owner.Account.UserId);
            Assert.That(await demote.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        using var afterDemotion = await machine.PostAsJsonAsync("/api/v1/tenant/invitations", new { role = "member" });
        await afterDemotion.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.That(await TestDatabase.CountAsync("auth.invitations"), Is.EqualTo(1));
    }

    private static IEnumerable<TestCaseData> InvalidBodies()
    {
        yield return new TestCaseData(new { name = "", scopes = new[] { "export" } }).SetName("empty name");
        yield return new TestCaseData(new { name = new string('n', 101), scopes = new[] { "export" } }).SetName("name too long");
        yield return new TestCaseData(new { name = "x", scopes = Array.Empty<string>() }).SetName("no scope");
        yield return new TestCaseData(new { name = "x" }).SetName("scopes missing");
        yield return new TestCaseData(new { name = "x", scopes = new[] { "export", "vault-write" } }).SetName("unknown scope");
        yield return new TestCaseData(new { name = "x", scopes = new[] { "Export" } }).SetName("scope in the wrong case");
        yield return new TestCaseData(new { name = "x", scopes = new[] { "export" }, expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }).SetName("expiry in the past");
    }

    [TestCaseSource(nameof(InvalidBodies))]
    public async Task ShouldRejectInvalidRequestsAndStoreNothing(object body)
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.PostAsJsonAsync(Path, body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(await TestDatabase.CountAsync("auth.api_keys"), Is.Zero);
    }

    [Test]
    public async Task ShouldCapTheActiveKeysOfOneUser()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        for (var i = 0; i < 25; i++) await TestApiKeys.CreateAsync(alice, "export");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var refused = await client.PostAsJsonAsync(Path, new { name = "one more", scopes = new[] { "export" } });

        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_limit_reached");
        var first = (await client.GetFromJsonAsync<JsonElement>(Path)).GetProperty("items")[0].GetProperty("id").GetString();
        using (var revoke = await client.DeleteAsync($"{Path}/{first}")) Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var accepted = await client.PostAsJsonAsync(Path, new { name = "one more", scopes = new[] { "export" } });
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private static string Base64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
