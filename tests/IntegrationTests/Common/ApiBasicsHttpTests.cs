using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Common;

public sealed class ApiBasicsHttpTests : TestBase
{
    [Test]
    public async Task ShouldDescribeEveryEndpointInTheOpenApiDocument()
    {
        using var client = TestApp.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/v1/auth/prelogin", "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
            "/api/v1/auth/logout", "/api/v1/auth/account", "/api/v1/auth/session", "/api/v1/auth/sessions", "/api/v1/auth/sessions/{sessionId}",
            "/api/v1/auth/sessions/revoke-others", "/api/v1/tenant/invitations",
        }));
        Assert.That(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _), Is.True);
    }

    [Test]
    public async Task ShouldServeTheInteractiveDocsPage()
    {
        using var client = TestApp.CreateClient();

        using var response = await client.GetAsync("/docs/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("openapi/v1.json"));
    }

    [Test]
    public async Task ShouldListEveryDependencyAsHealthy()
    {
        using var client = TestApp.CreateClient();

        using var response = await client.GetAsync("/health/dependencies");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.That(checks.GetProperty("database").GetString(), Is.EqualTo("Healthy"));
        Assert.That(checks.GetProperty("blob-store").GetString(), Is.EqualTo("Healthy"));
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task ShouldReportHealthy(string path)
    {
        using var client = TestApp.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task ShouldAnswerAnUnknownRouteWithProblemDetails()
    {
        using var client = TestApp.CreateClient();

        using var response = await client.GetAsync("/api/v1/nothing-here");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "request.not_found");
    }

    [Test]
    public async Task ShouldRateLimitCredentialEndpoints()
    {
        await using var limited = new ApiFactory(new Dictionary<string, string?> { ["RateLimiting:CredentialRequestsPerMinute"] = "3" });
        using var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" });
            statuses.Add(response.StatusCode);
            if (i == 3) await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        }

        Assert.That(statuses.Take(3), Is.All.EqualTo(HttpStatusCode.OK));
    }
}
