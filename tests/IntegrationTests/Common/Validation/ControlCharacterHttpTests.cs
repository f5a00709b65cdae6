using System.Net;
using System.Net.Http.Json;
using System.Text;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Common.Validation;

/// <summary>Control characters and broken UTF-16 are refused with a 400 naming the field, and nothing is stored.</summary>
public sealed class ControlCharacterHttpTests : TestBase
{
    [TestCase("{\"username\":\"a\\u0000b\"}", "username")]
    [TestCase("{\"username\":\"a\\u001bb\"}", "username")]
    [TestCase("{\"username\":\"a\\u007fb\"}", "username")]
    [TestCase("{\"username\":\"a\\ud800b\"}", "username")]
    [TestCase("{\"username\":\"a\\udc00\"}", "username")]
    public async Task ShouldRefuseAPreloginUsernameWithAControlCharacterOrALoneSurrogate(string body, string field)
    {
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsync("/api/v1/auth/prelogin", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task ShouldRefuseANulInANestedLoginFieldNamingItsPath()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var body = TestAccounts.LoginBody(account);
        body["device"]!["name"] = "phone\u0000";
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("device.name", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task ShouldRefuseANulInAnApiKeyNameAndCreateNoKey()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/api-keys", new { name = "backup\u0000", scopes = new[] { "export" } });
        using var list = await client.GetAsync("/api/v1/auth/api-keys");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("name", out _), Is.True, problem.ToString());
        Assert.That((await list.ReadJsonAsync()).GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseANulInAStringInsideAnArray()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/api-keys", new { name = "backup", scopes = new[] { "export", "x\u0000" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("scopes[1]", out _), Is.True, problem.ToString());
    }

    [TestCase("/v1/encryptions?after=%00", "after")]
    [TestCase("/v1/encryptions?after=a%0Ab", "after")]
    [TestCase("/api/v1/directory/users/al%01ice/public-key", "username")]
    public async Task ShouldRefuseAControlCharacterInAQueryOrRouteValue(string url, string field)
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.GetAsync(url);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task ShouldRefuseAControlCharacterInAHeaderTheServerReads()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rotate") { Content = JsonContent.Create(new { encryptionId = "ctx" }) };
        request.Headers.TryAddWithoutValidation("X-Master-Key", "abc\u0001");

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("X-Master-Key", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task ShouldStillAcceptOrdinaryUnicodeText()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/api-keys", new { name = "Sauvegarde nocturne 🔑 – ünïcødé", scopes = new[] { "export" } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }
}
