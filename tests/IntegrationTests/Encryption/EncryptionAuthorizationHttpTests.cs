using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Encryption.EncryptionApp;

namespace PasswordManager.IntegrationTests.Encryption;

/// <summary>Every Encryption endpoint: anonymous 401, member 403, another tenant 404, bad input 400 with nothing stored.</summary>
public sealed class EncryptionAuthorizationHttpTests : TestBase
{
    [SetUp]
    public void ForgetCachedKeys() => ClearKeyCaches();

    private const string Existing = "tenant-a-ctx";

    public static IEnumerable<TestCaseData> Endpoints()
    {
        yield return Case("encrypt (named version)", HttpMethod.Post, "/v1/encrypt", c => new { encryptionId = Existing, data = "AA==", encryptionVersionId = c.VersionId });
        yield return Case("encrypt batch", HttpMethod.Post, "/v1/encrypt/batch", c => new { encryptionId = Existing, items = new[] { new { data = "AA==" } }, encryptionVersionId = c.VersionId });
        yield return Case("decrypt", HttpMethod.Post, "/v1/decrypt", c => c.Cipher);
        yield return Case("decrypt batch", HttpMethod.Post, "/v1/decrypt/batch", c => new { encryptionId = Existing, items = new[] { c.Cipher } });
        yield return Case("rewrap", HttpMethod.Post, "/v1/rewrap", c => c.Cipher);
        yield return Case("rewrap batch", HttpMethod.Post, "/v1/rewrap/batch", c => new { encryptionId = Existing, items = new[] { c.Cipher } });
        yield return Case("rotate", HttpMethod.Post, "/v1/rotate", _ => new { encryptionId = Existing });
        yield return Case("datakey", HttpMethod.Post, "/v1/datakey", _ => new { encryptionId = Existing });
        yield return Case("describe", HttpMethod.Get, $"/v1/encryptions/{Existing}", null);
        yield return Case("minimum version", HttpMethod.Put, $"/v1/encryptions/{Existing}/min-decryption-version", _ => new { version = 1 });
        yield return Case("disable", HttpMethod.Post, $"/v1/encryptions/{Existing}/versions/1/disable", null);
        yield return Case("enable", HttpMethod.Post, $"/v1/encryptions/{Existing}/versions/1/enable", null);
        yield return Case("destroy", HttpMethod.Delete, $"/v1/encryptions/{Existing}/versions/1", null);
        yield return Case("re-encryption progress", HttpMethod.Get, $"/v1/encryptions/{Existing}/reencryption", null);
    }

    public static IEnumerable<TestCaseData> AllEndpoints()
    {
        foreach (var endpoint in Endpoints()) yield return endpoint;
        yield return Case("create context", HttpMethod.Post, "/v1/encryptions", _ => new { encryptionId = "new-ctx" });
        yield return Case("list contexts", HttpMethod.Get, "/v1/encryptions", null);
    }

    /// <summary>Malformed input per endpoint; each must be a 400 ProblemDetails with a code and change nothing.</summary>
    public static IEnumerable<TestCaseData> BadInputs()
    {
        yield return Bad("encrypt: data not base64", HttpMethod.Post, "/v1/encrypt", """{"encryptionId":"new","data":"***"}""", "request.validation_failed");
        yield return Bad("encrypt: no data", HttpMethod.Post, "/v1/encrypt", """{"encryptionId":"new"}""", "request.validation_failed");
        yield return Bad("encrypt: bad encryptionId", HttpMethod.Post, "/v1/encrypt", """{"encryptionId":"a b/c","data":"AA=="}""", "request.validation_failed");
        yield return Bad("encrypt: malformed JSON", HttpMethod.Post, "/v1/encrypt", """{"encryptionId":""", "request.malformed");
        yield return Bad("encrypt: empty body", HttpMethod.Post, "/v1/encrypt", "", "request.malformed");
        yield return Bad("encrypt: null body", HttpMethod.Post, "/v1/encrypt", "null", "request.malformed");
        yield return Bad("encrypt: array body", HttpMethod.Post, "/v1/encrypt", """[{"encryptionId":"new","data":"AA=="}]""", "request.malformed");
        yield return Bad("encrypt: bad version id", HttpMethod.Post, "/v1/encrypt", """{"encryptionId":"new","data":"AA==","encryptionVersionId":"nope"}""", "request.malformed");
        yield return Bad("encrypt: data a number", HttpMethod.Post, "/v1/encrypt", """{"encryptionId":"new","data":12}""", "request.malformed");
        yield return Bad("encrypt: data with an escaped control character", HttpMethod.Post, "/v1/encrypt", """{"encryptionId":"new","data":"AA\u0000=="}""", "request.validation_failed");
        yield return Bad("encrypt batch: malformed JSON", HttpMethod.Post, "/v1/encrypt/batch", """{"encryptionId":"new","items":[{"data":""", "request.malformed");
        yield return Bad("encrypt batch: items not a list", HttpMethod.Post, "/v1/encrypt/batch", """{"encryptionId":"new","items":{}}""", "request.malformed");
        yield return Bad("encrypt batch: empty", HttpMethod.Post, "/v1/encrypt/batch", """{"encryptionId":"new","items":[]}""", "request.validation_failed");
        yield return Bad("decrypt: short nonce", HttpMethod.Post, "/v1/decrypt", """{"encryptionId":"new","cipherText":"AAAAAAAAAAAAAAAAAAAAAA==","encryptionVersionId":"0196a7f0-0000-7000-8000-000000000000","metadata":{"nonce":"AAAA"}}""", "request.validation_failed");
        yield return Bad("decrypt: no metadata", HttpMethod.Post, "/v1/decrypt", """{"encryptionId":"new","cipherText":"AAAAAAAAAAAAAAAAAAAAAA==","encryptionVersionId":"0196a7f0-0000-7000-8000-000000000000"}""", "request.validation_failed");
        yield return Bad("decrypt batch: bad version id", HttpMethod.Post, "/v1/decrypt/batch", """{"encryptionId":"new","items":[{"cipherText":"AA==","encryptionVersionId":"nope"}]}""", "request.malformed");
        yield return Bad("rewrap: cipherText shorter than a tag", HttpMethod.Post, "/v1/rewrap", """{"encryptionId":"new","cipherText":"AA==","encryptionVersionId":"0196a7f0-0000-7000-8000-000000000000","metadata":{"nonce":"AAAAAAAAAAAAAAAA"}}""", "request.validation_failed");
        yield return Bad("rewrap batch: null item", HttpMethod.Post, "/v1/rewrap/batch", """{"encryptionId":"new","items":[null]}""", "request.validation_failed");
        yield return Bad("rotate: empty encryptionId", HttpMethod.Post, "/v1/rotate", """{"encryptionId":""}""", "request.validation_failed");
        yield return Bad("datakey: bad encryptionId", HttpMethod.Post, "/v1/datakey", """{"encryptionId":"-x"}""", "request.validation_failed");
        yield return Bad("create: too long", HttpMethod.Post, "/v1/encryptions", $$"""{"encryptionId":"{{new string('a', 129)}}"}""", "request.validation_failed");
        yield return Bad("list: limit too large", HttpMethod.Get, "/v1/encryptions?limit=100000", null, "request.validation_failed");
        yield return Bad("minimum version: zero", HttpMethod.Put, $"/v1/encryptions/{Existing}/min-decryption-version", """{"version":0}""", "encryption.invalid_min_decryption_version");
        yield return Bad("minimum version: not a number", HttpMethod.Put, $"/v1/encryptions/{Existing}/min-decryption-version", """{"version":"x"}""", "request.malformed");
    }

    [TestCaseSource(nameof(AllEndpoints))]
    public async Task ShouldRejectAnonymousCallers(EndpointCase endpoint)
    {
        var fixture = await SeedAsync();
        using var client = Anonymous();

        using var response = await client.SendAsync(endpoint.Request(fixture));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [TestCaseSource(nameof(AllEndpoints))]
    public async Task ShouldForbidMembers(EndpointCase endpoint)
    {
        var fixture = await SeedAsync();
        using var client = AsMember(TenantA);

        using var response = await client.SendAsync(endpoint.Request(fixture));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [TestCaseSource(nameof(AllEndpoints))]
    public async Task ShouldRejectAWrongServiceSecret(EndpointCase endpoint)
    {
        var fixture = await SeedAsync();
        using var client = AsService(TenantA, SecretB);

        using var response = await client.SendAsync(endpoint.Request(fixture));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [TestCaseSource(nameof(Endpoints))]
    public async Task ShouldAnswerNotFoundToAnotherTenantsAdmin(EndpointCase endpoint)
    {
        var fixture = await SeedAsync();
        using var client = AsAdmin(TenantB);
        var before = await TestDatabase.CountAsync("encryption.encryption_key_versions");

        using var response = await client.SendAsync(endpoint.Request(fixture));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), await response.Content.ReadAsStringAsync());
        Assert.That(await TestDatabase.CountAsync("encryption.encryption_key_versions"), Is.EqualTo(before));
    }

    [TestCaseSource(nameof(Endpoints))]
    public async Task ShouldAnswerNotFoundToAnotherTenantsServiceSecret(EndpointCase endpoint)
    {
        var fixture = await SeedAsync();
        using var client = AsService(TenantB, SecretB);

        using var response = await client.SendAsync(endpoint.Request(fixture));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), await response.Content.ReadAsStringAsync());
    }

    [TestCaseSource(nameof(AllEndpoints))]
    public async Task ShouldServeTheTenantsServiceSecretAndOwner(EndpointCase endpoint)
    {
        var fixture = await SeedAsync();
        using var service = AsService(TenantA, SecretA);
        using var owner = AsAdmin(TenantA, "owner");

        using var byService = await service.SendAsync(endpoint.Request(fixture));
        using var byOwner = await owner.SendAsync(endpoint.Request(fixture));

        Assert.That((int)byService.StatusCode, Is.Not.EqualTo(401).And.Not.EqualTo(403).And.Not.EqualTo(404), await byService.Content.ReadAsStringAsync());
        Assert.That((int)byOwner.StatusCode, Is.Not.EqualTo(401).And.Not.EqualTo(403).And.Not.EqualTo(404), await byOwner.Content.ReadAsStringAsync());
    }

    [TestCaseSource(nameof(BadInputs))]
    public async Task ShouldRejectBadInputWithACodeAndStoreNothing(string method, string path, string? body, string code)
    {
        await SeedAsync();
        using var client = AsAdmin(TenantA);
        var contexts = await TestDatabase.CountAsync("encryption.encryptions");
        var versions = await TestDatabase.CountAsync("encryption.encryption_key_versions");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.That(await TestDatabase.CountAsync("encryption.encryptions"), Is.EqualTo(contexts));
        Assert.That(await TestDatabase.CountAsync("encryption.encryption_key_versions"), Is.EqualTo(versions));
        Assert.That(await TestDatabase.CountAsync("encryption.encryptions WHERE min_decryption_version <> 1"), Is.Zero);
    }

    [Test]
    public async Task ShouldAcceptARealTenantOwnerAndForbidARealMember()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("owner");
        var member = await TestAccounts.RegisterAndLoginAsync("member");
        using var ownerClient = WithToken(owner.AccessToken);
        using var memberClient = WithToken(member.AccessToken);

        using var allowed = await ownerClient.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "ctx", data = "AA==" });
        using var forbidden = await memberClient.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "ctx", data = "AA==" });

        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Test]
    public async Task ShouldRefuseARequestThatSpeaksForTwoTenants()
    {
        await SeedAsync();
        using var client = AsService(TenantA, SecretA);
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(TenantB, "admin"));

        using var response = await client.PostAsJsonAsync("/v1/rotate", new { encryptionId = Existing });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Test]
    public async Task ShouldServeATokenAndTheServiceSecretOfTheSameTenantTogether()
    {
        await SeedAsync();
        using var client = AsService(TenantA, SecretA);
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(TenantA, "owner"));

        using var response = await client.PostAsJsonAsync("/v1/encrypt", new { encryptionId = Existing, data = "AA==" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ShouldChallengeForABearerTokenWhenNoCredentialIsValid()
    {
        await SeedAsync();
        using var anonymous = Anonymous();
        using var wrongSecret = AsService(TenantA, SecretB);

        using var withNothing = await anonymous.PostAsJsonAsync("/v1/encrypt", new { encryptionId = Existing, data = "AA==" });
        using var withWrongSecret = await wrongSecret.PostAsJsonAsync("/v1/encrypt", new { encryptionId = Existing, data = "AA==" });

        await withNothing.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await withWrongSecret.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.That(withNothing.Headers.WwwAuthenticate.Select(h => h.Scheme), Is.EqualTo(new[] { "Bearer" }));
        Assert.That(withWrongSecret.Headers.WwwAuthenticate.Select(h => h.Scheme), Is.EqualTo(new[] { "Bearer" }));
    }

    private static async Task<Seed> SeedAsync()
    {
        using var admin = AsAdmin(TenantA);
        var cipher = await admin.EncryptAsync(Existing, "seed");
        return new Seed(cipher, cipher.GetProperty("encryptionVersionId").GetGuid());
    }

    private static TestCaseData Case(string name, HttpMethod method, string path, Func<Seed, object>? body) =>
        new TestCaseData(new EndpointCase(name, method, path, body)).SetArgDisplayNames(name);

    private static TestCaseData Bad(string name, HttpMethod method, string path, string? body, string code) =>
        new TestCaseData(method.Method, path, body, code).SetArgDisplayNames(name);

    public sealed record Seed(JsonElement Cipher, Guid VersionId);

    public sealed record EndpointCase(string Name, HttpMethod Method, string Path, Func<Seed, object>? Body)
    {
        public HttpRequestMessage Request(Seed seed) => new(Method, Path) { Content = Body is null ? null : JsonContent.Create(Body(seed)) };

        public override string ToString() => Name;
    }
}
