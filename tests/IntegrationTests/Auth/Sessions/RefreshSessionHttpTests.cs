using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Sessions;

public sealed class RefreshSessionHttpTests : TestBase
{
    [Test]
    public async Task ShouldRotateTheRefreshTokenAndIssueAWorkingAccessToken()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient();

        var refreshed = await RefreshAsync(client, login.RefreshToken);

        Assert.That(refreshed.RefreshToken, Is.Not.EqualTo(login.RefreshToken));
        Assert.That(refreshed.SessionId, Is.EqualTo(login.SessionId));
        using var authed = TestApp.CreateClient(refreshed.AccessToken);
        using var me = await authed.GetAsync("/api/v1/auth/account");
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ShouldRevokeTheWholeFamilyWhenAUsedTokenIsPresentedAfterTheGraceWindow()
    {
        await using var strict = new ApiFactory(new Dictionary<string, string?> { ["Auth:RefreshReuseGrace"] = "00:00:00" });
        using var client = strict.CreateClient();
        var account = TestAccount.Create("alice");
        (await client.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody)).Dispose();
        using var loginResponse = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(account));
        var original = (await loginResponse.ReadJsonAsync()).GetProperty("refreshToken").GetString()!;

        var rotated = await RefreshAsync(client, original);
        await Task.Delay(20);
        using var reuse = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = original });
        using var afterReuse = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated.RefreshToken });

        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.refresh_token_reused");
        await afterReuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_expired");
    }

    [Test]
    public async Task ShouldNotLockOutAClientWhoseTwoRefreshesRaced()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient();

        var racing = await Task.WhenAll(
            client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken }),
            client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken }));

        Assert.That(racing.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        // Whichever answer the client kept, it can go on refreshing.
        var kept = (await racing[1].ReadJsonAsync()).GetProperty("refreshToken").GetString()!;
        var next = await RefreshAsync(client, kept);
        Assert.That(next.RefreshToken, Is.Not.Empty);
        foreach (var response in racing) response.Dispose();
    }

    [Test]
    public async Task ShouldRejectAnUnknownRefreshToken()
    {
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Test]
    public async Task ShouldEndTheSessionOnLogout()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(login.AccessToken);

        using var logout = await client.PostAsync("/api/v1/auth/logout", null);
        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken });

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_expired");
    }

    private sealed record Refreshed(string AccessToken, string RefreshToken, Guid SessionId);

    private static async Task<Refreshed> RefreshAsync(HttpClient client, string refreshToken)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        return new Refreshed(
            body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!, body.GetProperty("sessionId").GetGuid());
    }
}
