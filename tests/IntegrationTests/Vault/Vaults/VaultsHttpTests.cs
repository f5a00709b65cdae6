using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Vaults;

public sealed class VaultsHttpTests : TestBase
{
    [Test]
    public async Task ShouldCreateAVaultWithTheCreatorAsAdmin()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var body = TestVaults.NewVaultBody(kind: "personal");

        using var created = await client.PostAsJsonAsync("/api/v1/vaults", body);
        var vault = await created.ReadJsonAsync();

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(vault.GetProperty("kind").GetString(), Is.EqualTo("personal"));
        Assert.That(vault.GetProperty("keyEpoch").GetInt64(), Is.EqualTo(1));
        var access = vault.GetProperty("access");
        Assert.That(access.GetProperty("permission").GetString(), Is.EqualTo("admin"));
        Assert.That(access.GetProperty("granterId").GetGuid(), Is.EqualTo(alice.Account.UserId));
        var listed = await (await client.GetAsync("/api/v1/vaults")).ReadJsonAsync();
        Assert.That(listed.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldRefuseASecondPersonalVaultAndADuplicateId()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client, "personal");

        using var secondPersonal = await client.PostAsJsonAsync("/api/v1/vaults", TestVaults.NewVaultBody(kind: "personal"));
        using var duplicate = await client.PostAsJsonAsync("/api/v1/vaults", TestVaults.NewVaultBody(vaultId));

        await secondPersonal.AssertProblemAsync(HttpStatusCode.Conflict, "vault.personal_exists");
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict, "vault.already_exists");
        Assert.That(await TestDatabase.CountAsync("vault.vaults"), Is.EqualTo(1));
    }

    [TestCase("wrappedKey")]
    [TestCase("granterSignature")]
    [TestCase("encryptedMetadata")]
    public async Task ShouldRejectMalformedKeyMaterialAndStoreNothing(string field)
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(TestVaults.NewVaultBody()))!.AsObject();
        body[field] = Convert.ToBase64String(new byte[10]);

        using var response = await client.PostAsJsonAsync("/api/v1/vaults", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        Assert.That(await TestDatabase.CountAsync("vault.vaults"), Is.Zero);
    }

    [Test]
    public async Task ShouldHideAnotherUsersVault()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");
        var vaultId = await TestVaults.CreateAsync(TestApp.CreateClient(alice.AccessToken));
        using var client = TestApp.CreateClient(mallory.AccessToken);

        using var response = await client.GetAsync($"/api/v1/vaults/{vaultId}");
        var listed = await (await client.GetAsync("/api/v1/vaults")).ReadJsonAsync();

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        Assert.That(listed.GetProperty("items").GetArrayLength(), Is.Zero);
    }
}
