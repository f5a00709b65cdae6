using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Common.OpenApi;

public sealed class OpenApiDocumentTests : TestBase
{
    [Test]
    public async Task ShouldTypeIntegersAsIntegersOnly()
    {
        var document = await DocumentAsync();

        var mixed = Schemas(document)
            .Where(s => s.Schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array
                && type.EnumerateArray().Any(t => t.GetString() == "integer") && type.EnumerateArray().Any(t => t.GetString() == "string"))
            .Select(s => s.Where);

        Assert.That(mixed, Is.Empty);
    }

    [Test]
    public async Task ShouldTypeEnumsAsStrings()
    {
        var document = await DocumentAsync();

        var untyped = Schemas(document).Where(s => s.Schema.TryGetProperty("enum", out _) && !s.Schema.TryGetProperty("type", out _)).Select(s => s.Where);

        Assert.That(untyped, Is.Empty);
        Assert.That(document.GetProperty("components").GetProperty("schemas").GetProperty("TenantRole").GetProperty("type").GetString(), Is.EqualTo("string"));
    }

    [Test]
    public async Task ShouldRefuseNumbersSentAsStrings()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        using var client = TestApp.CreateClient(owner.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);

        using var response = await client.PutAsJsonAsync(
            $"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}", new { keyEpoch = "1", ciphertext = TestVaults.Ciphertext() });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Test]
    public async Task ShouldNotRequireAnyNullableProperty()
    {
        var document = await DocumentAsync();

        var requiredNullable = new List<string>();
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (!schema.Value.TryGetProperty("required", out var required)) continue;
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                var property = schema.Value.GetProperty("properties").GetProperty(name);
                if (property.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array
                    && type.EnumerateArray().Any(t => t.GetString() == "null"))
                    requiredNullable.Add($"{schema.Name}.{name}");
            }
        }

        Assert.That(requiredNullable, Is.Empty);
        var vault = document.GetProperty("components").GetProperty("schemas").GetProperty("VaultSummary");
        Assert.That(vault.GetProperty("required").EnumerateArray().Select(r => r.GetString()), Does.Not.Contain("encryptedMetadata").And.Contain("vaultId"));
    }

    [TestCase("/api/v1/auth/prelogin", "post", new string[0])]
    [TestCase("/api/v1/vaults/{vaultId}/entries/{entryId}", "put", new[] { "Bearer" })]
    [TestCase("/api/v1/vaults/{vaultId}/entries/{entryId}", "get", new[] { "Bearer", "ApiKey+ApiSecret" })]
    [TestCase("/v1/encrypt", "post", new[] { "Bearer", "EncryptionTenant+EncryptionSecret" })]
    [TestCase("/v1/rotate", "post", new[] { "Bearer", "ApiKey+ApiSecret", "EncryptionTenant+EncryptionSecret" })]
    [TestCase("/api/v1/tenant/invitations", "post", new[] { "Bearer", "ApiKey+ApiSecret" })]
    public async Task ShouldListEverySecuritySchemeAnOperationAccepts(string path, string method, string[] expected)
    {
        var document = await DocumentAsync();

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var requirements = operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().Select(r => string.Join('+', r.EnumerateObject().Select(s => s.Name))).ToList()
            : [];

        Assert.That(requirements, Is.EquivalentTo(expected));
        Assert.That(document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiSecret").GetProperty("name").GetString(),
            Is.EqualTo("X-Api-Secret"));
    }

    [TestCase("/api/v1/auth/login", "post", "401", "auth.invalid_credentials")]
    [TestCase("/api/v1/auth/login", "post", "429", "request.rate_limited")]
    [TestCase("/api/v1/auth/login", "post", "400", "request.validation_failed")]
    [TestCase("/api/v1/vaults/{vaultId}/entries/{entryId}", "put", "409", "vault.stale_version")]
    [TestCase("/api/v1/vaults/{vaultId}/entries/{entryId}", "put", "403", "vault.write_forbidden")]
    [TestCase("/api/v1/vaults/{vaultId}/entries/{entryId}", "put", "403", "auth.api_key_not_allowed")]
    [TestCase("/api/v1/vaults/{vaultId}/entries/{entryId}", "put", "413", "request.too_large")]
    [TestCase("/api/v1/vaults/{vaultId}", "get", "404", "vault.not_found")]
    [TestCase("/api/v1/vaults/{vaultId}", "get", "401", "auth.invalid_api_key")]
    [TestCase("/v1/encrypt", "post", "403", "auth.forbidden")]
    public async Task ShouldDocumentErrorsAsProblemDetailsWithTheirCodes(string path, string method, string status, string code)
    {
        var document = await DocumentAsync();

        var response = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status);

        Assert.That(response.GetProperty("x-problem-codes").EnumerateArray().Select(c => c.GetString()), Does.Contain(code));
        Assert.That(response.GetProperty("description").GetString(), Does.Contain($"`{code}`"));
        Assert.That(response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString(),
            Is.EqualTo(status == "400" ? "#/components/schemas/ValidationProblemDetails" : "#/components/schemas/ProblemDetails"));
    }

    [Test]
    public async Task ShouldNotDocumentErrorsAnOperationCannotGive()
    {
        var document = await DocumentAsync();

        var prelogin = document.GetProperty("paths").GetProperty("/api/v1/auth/prelogin").GetProperty("post").GetProperty("responses");
        var listVaults = document.GetProperty("paths").GetProperty("/api/v1/vaults").GetProperty("get").GetProperty("responses");

        Assert.That(prelogin.EnumerateObject().Select(r => r.Name), Is.EquivalentTo(new[] { "200", "400", "413", "415", "429" }));
        Assert.That(listVaults.EnumerateObject().Select(r => r.Name), Is.EquivalentTo(new[] { "200", "401", "403", "429" }));
    }

    private static async Task<JsonElement> DocumentAsync()
    {
        using var client = TestApp.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    private static IEnumerable<(string Where, JsonElement Schema)> Schemas(JsonElement document)
    {
        var pending = new Stack<(string, JsonElement)>([("#", document)]);
        while (pending.Count > 0)
        {
            var (where, node) = pending.Pop();
            if (node.ValueKind == JsonValueKind.Object)
            {
                yield return (where, node);
                foreach (var child in node.EnumerateObject()) pending.Push(($"{where}/{child.Name}", child.Value));
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var child in node.EnumerateArray()) pending.Push(($"{where}/{index++}", child));
            }
        }
    }
}
