using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Sessions;

public sealed class SessionsHttpTests : TestBase
{
    [Test]
    public async Task ShouldListActiveSessionsAndMarkTheCurrentOne()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var laptop = await TestAccounts.LoginAsync(account);
        var phone = await TestAccounts.LoginAsync(account);
        using var client = TestApp.CreateClient(phone.AccessToken);

        var items = (await (await client.GetAsync("/api/v1/auth/sessions")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items.Single(i => i.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid(), Is.EqualTo(phone.SessionId));
        Assert.That(items.Select(i => i.GetProperty("id").GetGuid()), Does.Contain(laptop.SessionId));
        Assert.That(items[0].GetProperty("deviceType").GetString(), Is.EqualTo("cli"));
    }

    [Test]
    public async Task ShouldDescribeThePresentedAccessToken()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(login.AccessToken);

        var session = await (await client.GetAsync("/api/v1/auth/session")).ReadJsonAsync();

        Assert.That(session.GetProperty("userId").GetGuid(), Is.EqualTo(login.Account.UserId));
        Assert.That(session.GetProperty("sessionId").GetGuid(), Is.EqualTo(login.SessionId));
        Assert.That(session.GetProperty("role").GetString(), Is.EqualTo("owner"));
        Assert.That(session.GetProperty("accessTokenExpiresAt").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow));
    }

    [Test]
    public async Task ShouldRevokeOneOfMySessions()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var laptop = await TestAccounts.LoginAsync(account);
        var phone = await TestAccounts.LoginAsync(account);
        using var client = TestApp.CreateClient(phone.AccessToken);

        using var revoke = await client.DeleteAsync($"/api/v1/auth/sessions/{laptop.SessionId}");
        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = laptop.RefreshToken });

        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_expired");
    }

    [Test]
    public async Task ShouldAnswerNotFoundForAnotherUsersSessionAndLeaveItAlone()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");
        using var client = TestApp.CreateClient(mallory.AccessToken);

        using var revoke = await client.DeleteAsync($"/api/v1/auth/sessions/{alice.SessionId}");
        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = alice.RefreshToken });

        await revoke.AssertProblemAsync(HttpStatusCode.NotFound, "auth.session_not_found");
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ShouldRevokeEveryOtherSession()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var first = await TestAccounts.LoginAsync(account);
        var second = await TestAccounts.LoginAsync(account);
        var current = await TestAccounts.LoginAsync(account);
        using var client = TestApp.CreateClient(current.AccessToken);

        using var response = await client.PostAsync("/api/v1/auth/sessions/revoke-others", null);

        Assert.That((await response.ReadJsonAsync()).GetProperty("revoked").GetInt32(), Is.EqualTo(2));
        foreach (var other in new[] { first, second })
        {
            using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = other.RefreshToken });
            await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_expired");
        }

        using var stillMine = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = current.RefreshToken });
        Assert.That(stillMine.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static IEnumerable<TestCaseData> AuthenticatedEndpoints()
    {
        yield return new TestCaseData("GET", "/api/v1/auth/account");
        yield return new TestCaseData("GET", "/api/v1/auth/session");
        yield return new TestCaseData("GET", "/api/v1/auth/sessions");
        yield return new TestCaseData("POST", "/api/v1/auth/logout");
        yield return new TestCaseData("POST", "/api/v1/auth/sessions/revoke-others");
        yield return new TestCaseData("DELETE", $"/api/v1/auth/sessions/{Guid.NewGuid()}");
        yield return new TestCaseData("POST", "/api/v1/tenant/invitations");
    }

    [TestCaseSource(nameof(AuthenticatedEndpoints))]
    public async Task ShouldAnswerAnonymousCallersWithUnauthorized(string method, string path)
    {
        using var client = TestApp.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }
}
