using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Common.OpenApi;

/// <summary>
/// Drives the main flows over HTTP and checks every response, success or error, against what the served OpenAPI
/// document declares for that operation and status (a status the document does not list fails too).
/// </summary>
public sealed class OpenApiConformanceTests : TestBase
{
    private readonly List<ContractCheckingHandler> handlers = [];
    private OpenApiContract contract = null!;

    [SetUp]
    public async Task LoadTheDocumentAsync()
    {
        handlers.Clear();
        using var client = TestApp.CreateClient();
        contract = new OpenApiContract(await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
    }

    [Test]
    public async Task ShouldDescribeRegistrationLoginRefreshAndSessions()
    {
        using var anonymous = Client();
        var alice = TestAccount.Create("alice");

        await ExpectAsync(anonymous.PostAsJsonAsync("/api/v1/auth/register", alice.RegisterBody), HttpStatusCode.Created);
        await ExpectAsync(anonymous.PostAsJsonAsync("/api/v1/auth/register", alice.RegisterBody), HttpStatusCode.Conflict);
        await ExpectAsync(anonymous.PostAsJsonAsync("/api/v1/auth/register", new { username = "x" }), HttpStatusCode.BadRequest);
        await ExpectAsync(anonymous.PostAsync("/api/v1/auth/register", new StringContent("{", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ExpectAsync(anonymous.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" }), HttpStatusCode.OK);
        await ExpectAsync(anonymous.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "nobody-here" }), HttpStatusCode.OK);
        var wrong = TestAccounts.LoginBody(alice);
        wrong["authHash"] = Convert.ToBase64String(new byte[32]);
        await ExpectAsync(anonymous.PostAsJsonAsync("/api/v1/auth/login", wrong), HttpStatusCode.Unauthorized);
        var login = await ExpectAsync(anonymous.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(alice)), HttpStatusCode.OK);
        var refreshed = await ExpectAsync(
            anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }), HttpStatusCode.OK);
        await ExpectAsync(anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" }), HttpStatusCode.Unauthorized);
        await ExpectAsync(anonymous.GetAsync("/api/v1/auth/account"), HttpStatusCode.Unauthorized);

        using var session = Client(refreshed.GetProperty("accessToken").GetString());
        await ExpectAsync(session.GetAsync("/api/v1/auth/account"), HttpStatusCode.OK);
        await ExpectAsync(session.GetAsync("/api/v1/auth/session"), HttpStatusCode.OK);
        await ExpectAsync(session.GetAsync("/api/v1/auth/sessions"), HttpStatusCode.OK);
        await ExpectAsync(session.DeleteAsync($"/api/v1/auth/sessions/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ExpectAsync(session.PostAsync("/api/v1/auth/sessions/revoke-others", null), HttpStatusCode.OK);
        await ExpectAsync(session.PostAsync("/api/v1/auth/logout", null), HttpStatusCode.NoContent);

        AssertConforms();
    }

    [Test]
    public async Task ShouldDescribeVaultsEntriesAndSync()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        using var client = Client(owner.AccessToken);
        var vaultId = Guid.NewGuid();
        await ExpectAsync(client.PostAsJsonAsync("/api/v1/vaults", TestVaults.NewVaultBody(vaultId)), HttpStatusCode.Created);
        await ExpectAsync(client.PostAsJsonAsync("/api/v1/vaults", TestVaults.NewVaultBody(vaultId)), HttpStatusCode.Conflict);
        await ExpectAsync(client.PostAsJsonAsync("/api/v1/vaults", new
        {
            vaultId = Guid.NewGuid(), kind = "shared", wrappedKey = TestVaults.WrappedKey(), granterSignature = TestVaults.Signature(),
        }), HttpStatusCode.Created);
        await ExpectAsync(client.GetAsync("/api/v1/vaults"), HttpStatusCode.OK);
        await ExpectAsync(client.GetAsync($"/api/v1/vaults/{vaultId}"), HttpStatusCode.OK);
        await ExpectAsync(client.GetAsync($"/api/v1/vaults/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var entries = $"/api/v1/vaults/{vaultId}/entries";
        await ExpectAsync(client.PutAsJsonAsync($"{entries}/{first}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() }), HttpStatusCode.Created);
        await ExpectAsync(client.PutAsJsonAsync($"{entries}/{first}", new { replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() }), HttpStatusCode.OK);
        await ExpectAsync(client.PutAsJsonAsync($"{entries}/{first}", new { replacesVersion = 1, keyEpoch = 1, ciphertext = TestVaults.Ciphertext() }), HttpStatusCode.Conflict);
        await ExpectAsync(client.PutAsJsonAsync($"{entries}/{second}", new { keyEpoch = 7, ciphertext = TestVaults.Ciphertext() }), HttpStatusCode.Conflict);
        await ExpectAsync(client.PutAsJsonAsync($"{entries}/{second}", new { keyEpoch = 1, ciphertext = "not base64" }), HttpStatusCode.BadRequest);
        await ExpectAsync(client.PutAsJsonAsync($"{entries}/{second}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() }), HttpStatusCode.Created);
        await ExpectAsync(client.GetAsync($"{entries}/{first}"), HttpStatusCode.OK);
        await ExpectAsync(client.GetAsync($"{entries}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ExpectAsync(client.GetAsync($"{entries}?limit=1"), HttpStatusCode.OK);
        await ExpectAsync(client.GetAsync($"{entries}?limit=0"), HttpStatusCode.BadRequest);
        await ExpectAsync(client.PostAsJsonAsync($"{entries}/fetch", new { entryIds = new[] { first, second } }), HttpStatusCode.OK);
        await ExpectAsync(client.DeleteAsync($"{entries}/{second}?version=1"), HttpStatusCode.OK);

        var full = await ExpectAsync(client.GetAsync("/api/v1/sync"), HttpStatusCode.OK);
        await ExpectAsync(client.GetAsync($"/api/v1/sync?cursor={Uri.EscapeDataString(full.GetProperty("cursor").GetString()!)}"), HttpStatusCode.OK);
        await ExpectAsync(client.GetAsync("/api/v1/sync?cursor=garbage"), HttpStatusCode.BadRequest);

        AssertConforms();
    }

    [Test]
    public async Task ShouldDescribeSharing()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var carol = await TestAccounts.RegisterAndLoginAsync("carol");
        using var admin = Client(owner.AccessToken);
        using var member = Client(bob.AccessToken);
        using var stranger = Client(carol.AccessToken);
        var vaultId = await TestVaults.CreateAsync(admin);
        object Grant(Guid userId) => new
        {
            userId, permission = "read", keyEpoch = 1, wrappedKey = TestVaults.WrappedKey(), granterSignature = TestVaults.Signature(),
        };

        await ExpectAsync(admin.GetAsync("/api/v1/directory/users/bob/public-key"), HttpStatusCode.OK);
        await ExpectAsync(admin.GetAsync("/api/v1/directory/users/nobody/public-key"), HttpStatusCode.NotFound);
        await ExpectAsync(admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", Grant(bob.Account.UserId)), HttpStatusCode.Created);
        await ExpectAsync(admin.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", Grant(bob.Account.UserId)), HttpStatusCode.Conflict);
        await ExpectAsync(member.PostAsJsonAsync($"/api/v1/vaults/{vaultId}/members", Grant(carol.Account.UserId)), HttpStatusCode.Forbidden);
        await ExpectAsync(admin.GetAsync($"/api/v1/vaults/{vaultId}/members"), HttpStatusCode.OK);
        await ExpectAsync(stranger.GetAsync($"/api/v1/vaults/{vaultId}/members"), HttpStatusCode.NotFound);
        await ExpectAsync(member.GetAsync($"/api/v1/vaults/{vaultId}"), HttpStatusCode.OK);
        await ExpectAsync(
            member.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() }),
            HttpStatusCode.Forbidden);

        AssertConforms();
    }

    [Test]
    public async Task ShouldDescribeApiKeys()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        using var session = Client(owner.AccessToken);
        var vaultId = await TestVaults.CreateAsync(session);

        var key = await ExpectAsync(session.PostAsJsonAsync("/api/v1/auth/api-keys", new { name = "backup", scopes = new[] { "export" } }), HttpStatusCode.Created);
        await ExpectAsync(session.PostAsJsonAsync("/api/v1/auth/api-keys", new { name = "backup", scopes = new[] { "everything" } }), HttpStatusCode.BadRequest);
        await ExpectAsync(session.GetAsync("/api/v1/auth/api-keys"), HttpStatusCode.OK);
        await ExpectAsync(session.DeleteAsync($"/api/v1/auth/api-keys/pmk_{Guid.NewGuid():N}"), HttpStatusCode.NotFound);

        using var machine = Client(apiKey: (key.GetProperty("id").GetString()!, key.GetProperty("secret").GetString()!));
        using var impostor = Client(apiKey: (key.GetProperty("id").GetString()!, "pms_wrong"));
        await ExpectAsync(machine.GetAsync("/api/v1/vaults"), HttpStatusCode.OK);
        await ExpectAsync(machine.GetAsync($"/api/v1/vaults/{vaultId}/entries"), HttpStatusCode.OK);
        await ExpectAsync(machine.GetAsync("/api/v1/sync"), HttpStatusCode.OK);
        await ExpectAsync(machine.PostAsJsonAsync("/v1/rotate", new { encryptionId = "tokens" }), HttpStatusCode.Forbidden);
        await ExpectAsync(
            machine.PutAsJsonAsync($"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext() }),
            HttpStatusCode.Forbidden);
        await ExpectAsync(impostor.GetAsync("/api/v1/vaults"), HttpStatusCode.Unauthorized);

        AssertConforms();
    }

    [Test]
    public async Task ShouldDescribeTheEncryptionService()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        var member = await TestAccounts.RegisterAndLoginAsync("member");
        using var admin = Client(owner.AccessToken);
        using var notAdmin = Client(member.AccessToken);
        using var anonymous = Client();
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("card number"));

        var cipher = await ExpectAsync(admin.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "tokens", data }), HttpStatusCode.OK);
        await ExpectAsync(admin.PostAsJsonAsync("/v1/decrypt", cipher), HttpStatusCode.OK);
        var tampered = JsonNode.Parse(cipher.GetRawText())!;
        tampered["encryptionVersionId"] = Guid.NewGuid();
        await ExpectAsync(admin.PostAsJsonAsync("/v1/decrypt", tampered), HttpStatusCode.NotFound);
        await ExpectAsync(admin.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "tokens", data = "%%" }), HttpStatusCode.BadRequest);
        await ExpectAsync(admin.GetAsync("/v1/encryptions/tokens"), HttpStatusCode.OK);
        await ExpectAsync(admin.PostAsJsonAsync("/v1/rotate", new { encryptionId = "tokens" }), HttpStatusCode.OK);
        await ExpectAsync(notAdmin.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "tokens", data }), HttpStatusCode.Forbidden);
        await ExpectAsync(anonymous.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "tokens", data }), HttpStatusCode.Unauthorized);

        AssertConforms();
    }

    [Test]
    public async Task ShouldDescribeTheEncryptionServiceForServiceCallers()
    {
        var tenant = Guid.NewGuid();
        const string secret = "conformance-service-secret-0123456789abcdef";
        var masterKey = (await File.ReadAllTextAsync(Path.Combine(TestApp.Factory.DataDirectory, "keys", "encryption-master.key"))).Trim();
        await using var service = new ApiFactory(new Dictionary<string, string?>
        {
            ["Encryption:MasterKey"] = masterKey,
            [$"Encryption:ServiceSecrets:{tenant}"] = secret,
        });
        using var caller = Client(factory: service);
        caller.DefaultRequestHeaders.Add("X-Encryption-Tenant", tenant.ToString());
        caller.DefaultRequestHeaders.Add("X-Encryption-Secret", secret);
        using var impostor = Client(factory: service);
        impostor.DefaultRequestHeaders.Add("X-Encryption-Tenant", tenant.ToString());
        impostor.DefaultRequestHeaders.Add("X-Encryption-Secret", "not-the-secret");
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("card number"));

        var cipher = await ExpectAsync(caller.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "cards", data }), HttpStatusCode.OK);
        await ExpectAsync(caller.PostAsJsonAsync("/v1/decrypt", cipher), HttpStatusCode.OK);
        await ExpectAsync(caller.PostAsJsonAsync("/v1/datakey", new { encryptionId = "cards" }), HttpStatusCode.OK);
        await ExpectAsync(caller.GetAsync("/v1/encryptions"), HttpStatusCode.OK);
        await ExpectAsync(caller.GetAsync("/v1/encryptions/missing"), HttpStatusCode.NotFound);
        await ExpectAsync(impostor.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "cards", data }), HttpStatusCode.Unauthorized);

        AssertConforms();
    }

    private HttpClient Client(string? accessToken = null, (string Id, string Secret)? apiKey = null, ApiFactory? factory = null)
    {
        var handler = new ContractCheckingHandler(contract);
        handlers.Add(handler);
        var client = (factory ?? TestApp.Factory).CreateDefaultClient(handler);
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (apiKey is { } key)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key.Id);
            client.DefaultRequestHeaders.Add("X-Api-Secret", key.Secret);
        }

        return client;
    }

    private static async Task<JsonElement> ExpectAsync(Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private void AssertConforms()
    {
        Assert.That(handlers.SelectMany(h => h.Exchanges), Is.Not.Empty);
        Assert.That(handlers.SelectMany(h => h.Violations), Is.Empty);
    }
}
