using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Sessions;

/// <summary>
/// The guessing budget (prelogin, register, login) is per client address; refresh is limited per refresh token
/// and does not spend it. Each test runs a host of its own with low limits and simulated peer addresses.
/// </summary>
public sealed class CredentialRateLimitHttpTests : TestBase
{
    [Test]
    public async Task ShouldNotSpendTheLoginBudgetOnRefreshes()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["RateLimiting:CredentialRequestsPerMinute"] = "3" });
        await using var factory = api.WithPeerAddresses();
        using var client = factory.From("198.51.100.7");
        var account = TestAccount.Create("alice");
        (await client.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody)).Dispose();
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(account));
        var token = (await login.ReadJsonAsync()).GetProperty("refreshToken").GetString()!;

        for (var i = 0; i < 20; i++)
        {
            using var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token });
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"refresh {i + 1}: {await refreshed.Content.ReadAsStringAsync()}");
            token = (await refreshed.ReadJsonAsync()).GetProperty("refreshToken").GetString()!;
        }

        using var loginAgain = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(account));
        Assert.That(loginAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the third credential request of the minute");
    }

    [Test]
    public async Task ShouldAnswerTooManyRequestsWithRetryAfterAndAProblem()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["RateLimiting:CredentialRequestsPerMinute"] = "2" });
        await using var factory = api.WithPeerAddresses();
        using var client = factory.From("198.51.100.7");

        for (var i = 0; i < 2; i++) (await client.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" })).Dispose();
        using var limited = await client.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" });

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        AssertRetryAfter(limited);
    }

    [Test]
    public async Task ShouldLimitRefreshesOfOneTokenWithRetryAfter()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["RateLimiting:CredentialRequestsPerMinute"] = "100",
            ["RateLimiting:RefreshRequestsPerTokenPerMinute"] = "2",
        });
        await using var factory = api.WithPeerAddresses();
        using var client = factory.From("198.51.100.7");
        var account = TestAccount.Create("alice");
        (await client.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody)).Dispose();
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(account));
        var token = (await login.ReadJsonAsync()).GetProperty("refreshToken").GetString()!;

        for (var i = 0; i < 2; i++) (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token })).Dispose();
        using var limited = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token });
        using var prelogin = await client.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" });

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        AssertRetryAfter(limited);
        Assert.That(prelogin.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the address is not limited");
    }

    [Test]
    public async Task ShouldCountFailedRefreshesAgainstTheAddress()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["RateLimiting:CredentialRequestsPerMinute"] = "3" });
        await using var factory = api.WithPeerAddresses();
        using var client = factory.From("198.51.100.7");

        for (var i = 0; i < 3; i++)
        {
            using var refused = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = $"guess-{i}" });
            await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
        }

        using var limited = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "guess-4" });
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        AssertRetryAfter(limited);
    }

    [Test]
    public async Task ShouldGiveEachClientBehindATrustedProxyItsOwnBucket()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["RateLimiting:CredentialRequestsPerMinute"] = "2",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
        });
        await using var factory = api.WithPeerAddresses();
        using var first = factory.From("10.0.0.1", forwardedFor: "203.0.113.5");
        using var second = factory.From("10.0.0.1", forwardedFor: "203.0.113.6");

        for (var i = 0; i < 2; i++) (await first.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" })).Dispose();
        using var firstLimited = await first.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" });
        using var secondAllowed = await second.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" });

        Assert.That(firstLimited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(secondAllowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another client behind the same proxy");
    }

    [Test]
    public async Task ShouldIgnoreForwardedForFromAnUntrustedAddress()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["RateLimiting:CredentialRequestsPerMinute"] = "2",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
        });
        await using var factory = api.WithPeerAddresses();

        for (var i = 0; i < 2; i++)
        {
            using var spoofing = factory.From("198.51.100.9", forwardedFor: $"203.0.113.{10 + i}");
            (await spoofing.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" })).Dispose();
        }

        using var spoofer = factory.From("198.51.100.9", forwardedFor: "203.0.113.99");
        using var limited = await spoofer.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "alice" });

        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "a made-up X-Forwarded-For does not buy a new bucket");
    }

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        Assert.That(retryAfter?.Delta, Is.Not.Null, "Retry-After in seconds");
        Assert.That(retryAfter!.Delta!.Value.TotalSeconds, Is.InRange(1, 60));
    }
}
