using System.Net;
using System.Net.Http.Json;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault;

/// <summary>Every Vault endpoint against every kind of caller that must not get through.</summary>
public sealed class VaultAuthorizationHttpTests : TestBase
{
    private const string Vault = "{vault}";
    private const string EntryPath = "/api/v1/vaults/{vault}/entries/{entry}";

    private static IEnumerable<TestCaseData> ReadEndpoints()
    {
        yield return new TestCaseData("GET", "/api/v1/vaults/{vault}");
        yield return new TestCaseData("GET", EntryPath);
        yield return new TestCaseData("GET", "/api/v1/vaults/{vault}/entries");
        yield return new TestCaseData("GET", "/api/v1/vaults/{vault}/entries?nameIndex=AAAAAAAAAAAAAAAAAAAAAA");
        yield return new TestCaseData("GET", EntryPath + "/versions");
        yield return new TestCaseData("GET", EntryPath + "/versions/1");
        yield return new TestCaseData("POST", "/api/v1/vaults/{vault}/entries/fetch");
    }

    private static IEnumerable<TestCaseData> WriteEndpoints()
    {
        yield return new TestCaseData("PUT", EntryPath);
        yield return new TestCaseData("DELETE", EntryPath + "?version=2");
        yield return new TestCaseData("POST", "/api/v1/vaults/{vault}/entries/batch");
    }

    private static IEnumerable<TestCaseData> AllEndpoints() =>
        ReadEndpoints().Concat(WriteEndpoints())
            .Append(new TestCaseData("GET", "/api/v1/vaults"))
            .Append(new TestCaseData("POST", "/api/v1/vaults"))
            .Append(new TestCaseData("GET", "/api/v1/sync"))
            .Append(new TestCaseData("GET", "/api/v1/export"))
            .Append(new TestCaseData("POST", "/api/v1/import"));

    [TestCaseSource(nameof(AllEndpoints))]
    public async Task ShouldAnswerAnonymousCallersWithUnauthorized(string method, string path)
    {
        var (vaultId, entryId, _) = await ArrangeAsync();

        using var response = await SendAsync(TestApp.CreateClient(), method, path, vaultId, entryId);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [TestCaseSource(nameof(ReadEndpoints))]
    [TestCaseSource(nameof(WriteEndpoints))]
    public async Task ShouldHideTheVaultFromAnotherUser(string method, string path)
    {
        var (vaultId, entryId, _) = await ArrangeAsync();
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");

        using var response = await SendAsync(TestApp.CreateClient(mallory.AccessToken), method, path, vaultId, entryId);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        await AssertUnchangedAsync(entryId);
    }

    [TestCaseSource(nameof(ReadEndpoints))]
    [TestCaseSource(nameof(WriteEndpoints))]
    public async Task ShouldHideTheVaultFromARevokedMember(string method, string path)
    {
        var (vaultId, entryId, _) = await ArrangeAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(vaultId, bob.Account.UserId, Permission.Write);
        await TestVaults.RevokeDirectlyAsync(vaultId, bob.Account.UserId);

        using var response = await SendAsync(TestApp.CreateClient(bob.AccessToken), method, path, vaultId, entryId);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        await AssertUnchangedAsync(entryId);
    }

    [TestCaseSource(nameof(ReadEndpoints))]
    public async Task ShouldHideTheVaultFromAMemberWhoseGrantExpired(string method, string path)
    {
        var (vaultId, entryId, _) = await ArrangeAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(vaultId, bob.Account.UserId, Permission.Read, DateTimeOffset.UtcNow.AddSeconds(-1));

        using var response = await SendAsync(TestApp.CreateClient(bob.AccessToken), method, path, vaultId, entryId);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
    }

    [TestCaseSource(nameof(WriteEndpoints))]
    public async Task ShouldForbidWritesToAReadMember(string method, string path)
    {
        var (vaultId, entryId, _) = await ArrangeAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(vaultId, bob.Account.UserId, Permission.Read);

        using var response = await SendAsync(TestApp.CreateClient(bob.AccessToken), method, path, vaultId, entryId);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.write_forbidden");
        await AssertUnchangedAsync(entryId);
    }

    [TestCaseSource(nameof(ReadEndpoints))]
    public async Task ShouldLetAReadMemberRead(string method, string path)
    {
        var (vaultId, entryId, _) = await ArrangeAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(vaultId, bob.Account.UserId, Permission.Read);

        using var response = await SendAsync(TestApp.CreateClient(bob.AccessToken), method, path, vaultId, entryId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static async Task<(Guid VaultId, Guid EntryId, LoggedIn Owner)> ArrangeAsync()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var entryId = Guid.NewGuid();
        await TestVaults.PutEntryAsync(client, vaultId, entryId, TestVaults.Ciphertext());
        await TestVaults.PutEntryAsync(client, vaultId, entryId, TestVaults.Ciphertext(), replaces: 1);
        return (vaultId, entryId, alice);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, Guid vaultId, Guid entryId)
    {
        using (client)
        {
            var url = path.Replace(Vault, vaultId.ToString(), StringComparison.Ordinal).Replace("{entry}", entryId.ToString(), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            request.Content = (method, path) switch
            {
                ("PUT", _) => JsonContent.Create(new { replacesVersion = 2, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() }),
                ("POST", "/api/v1/vaults") => JsonContent.Create(TestVaults.NewVaultBody()),
                ("POST", _) when path.EndsWith("/batch", StringComparison.Ordinal) => JsonContent.Create(new
                {
                    writes = new[] { new { entryId, replacesVersion = 2, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() } },
                }),
                ("POST", _) => JsonContent.Create(new { entryIds = new[] { entryId } }),
                _ => null,
            };
            return await client.SendAsync(request);
        }
    }

    private static async Task AssertUnchangedAsync(Guid entryId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT version, deleted FROM vault.entries WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", entryId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        Assert.That((reader.GetInt64(0), reader.GetBoolean(1)), Is.EqualTo((2L, false)));
    }
}
