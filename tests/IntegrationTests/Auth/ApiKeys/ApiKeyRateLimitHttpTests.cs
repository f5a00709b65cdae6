using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.ApiKeys;

/// <summary>Failed API-key attempts count against the credential rate limit (a host of its own with a low limit).</summary>
public sealed class ApiKeyRateLimitHttpTests : TestBase
{
    [Test]
    public async Task ShouldRefuseEveryApiKeyFromAnAddressThatSpentItsFailures()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?> { ["RateLimiting:CredentialRequestsPerMinute"] = "3" });
        using var anonymous = factory.CreateClient();
        var account = TestAccount.Create("alice");
        using (var register = await anonymous.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody)) Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(account));
        var token = (await login.ReadJsonAsync()).GetProperty("accessToken").GetString();
        using var session = factory.CreateClient();
        session.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var created = await session.PostAsJsonAsync("/api/v1/auth/api-keys", new { name = "backup", scopes = new[] { "export" } });
        var key = await created.ReadJsonAsync();
        var (id, secret) = (key.GetProperty("id").GetString()!, key.GetProperty("secret").GetString()!);

        using var good = Client(factory, id, secret);
        for (var i = 0; i < 5; i++)
        {
            using var ok = await good.GetAsync("/api/v1/vaults");
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), "successful requests are not counted");
        }

        using var bad = Client(factory, id, "pms_wrong");
        for (var i = 0; i < 3; i++)
        {
            using var refused = await bad.GetAsync("/api/v1/vaults");
            await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_api_key");
        }

        using var limited = await bad.GetAsync("/api/v1/vaults");
        using var evenTheRightSecret = await good.GetAsync("/api/v1/vaults");
        using var sessionsUnaffected = await session.GetAsync("/api/v1/vaults");

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        await evenTheRightSecret.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        Assert.That(sessionsUnaffected.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static HttpClient Client(ApiFactory factory, string id, string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", id);
        client.DefaultRequestHeaders.Add("X-Api-Secret", secret);
        return client;
    }
}
