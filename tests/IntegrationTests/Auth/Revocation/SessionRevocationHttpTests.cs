using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Auth.Revocation.RevocationProbe;

namespace PasswordManager.IntegrationTests.Auth.Revocation;

/// <summary>Each way a session ends takes its access token's API access away within a second (ADR-0015).</summary>
public sealed class SessionRevocationHttpTests : TestBase
{
    [Test]
    public async Task ShouldRefuseTheAccessTokenOfALoggedOutSession()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(login.AccessToken);
        await AssertAcceptedAsync(client);

        using var logout = await client.PostAsync("/api/v1/auth/logout", null);
        var since = Stopwatch.StartNew();
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await AssertRefusedAsync(client, since);
    }

    [Test]
    public async Task ShouldRefuseTheAccessTokenOfASessionRevokedFromAnotherDevice()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var laptop = await TestAccounts.LoginAsync(account);
        var phone = await TestAccounts.LoginAsync(account);
        using var laptopClient = TestApp.CreateClient(laptop.AccessToken);
        using var phoneClient = TestApp.CreateClient(phone.AccessToken);
        await AssertAcceptedAsync(laptopClient);

        using var revoke = await phoneClient.DeleteAsync($"/api/v1/auth/sessions/{laptop.SessionId}");
        var since = Stopwatch.StartNew();
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await AssertRefusedAsync(laptopClient, since);
        await AssertAcceptedAsync(phoneClient);
    }

    [Test]
    public async Task ShouldRefuseTheAccessTokensOfEveryOtherSessionButKeepTheCurrentOne()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var laptop = await TestAccounts.LoginAsync(account);
        var tablet = await TestAccounts.LoginAsync(account);
        var phone = await TestAccounts.LoginAsync(account);
        using var laptopClient = TestApp.CreateClient(laptop.AccessToken);
        using var tabletClient = TestApp.CreateClient(tablet.AccessToken);
        using var phoneClient = TestApp.CreateClient(phone.AccessToken);

        using var revoke = await phoneClient.PostAsync("/api/v1/auth/sessions/revoke-others", null);
        var since = Stopwatch.StartNew();
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK), await revoke.Content.ReadAsStringAsync());

        await AssertRefusedAsync(laptopClient, since);
        await AssertRefusedAsync(tabletClient, since);
        await AssertAcceptedAsync(phoneClient);
    }

    [Test]
    public async Task ShouldRefuseTheAccessTokenOfASessionRevokedForRefreshTokenReuse()
    {
        await using var strict = new ApiFactory(new Dictionary<string, string?> { ["Auth:RefreshReuseGrace"] = "00:00:00" });
        using var anonymous = strict.CreateClient();
        var account = TestAccount.Create("alice");
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody)).Dispose();
        using var loginResponse = await anonymous.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(account));
        var login = await loginResponse.ReadJsonAsync();
        var original = login.GetProperty("refreshToken").GetString()!;
        using var rotate = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = original });
        var rotated = await rotate.ReadJsonAsync();
        using var oldClient = strict.WithToken(login.GetProperty("accessToken").GetString()!);
        using var newClient = strict.WithToken(rotated.GetProperty("accessToken").GetString()!);
        await AssertAcceptedAsync(oldClient);
        await AssertAcceptedAsync(newClient);
        await Task.Delay(20);

        using var reuse = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = original });
        var since = Stopwatch.StartNew();
        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.refresh_token_reused");

        await AssertRefusedAsync(oldClient, since);
        await AssertRefusedAsync(newClient, since);
    }

    [Test]
    public async Task ShouldRefuseTheAccessTokenWhenTheSessionRowIsRevokedOutsideTheApi()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(login.AccessToken);
        await AssertAcceptedAsync(client);

        await ExecuteAsync("UPDATE auth.sessions SET revoked_at = now(), revocation_reason = 'admin' WHERE id = $1", login.SessionId);
        var since = Stopwatch.StartNew();

        await AssertRefusedAsync(client, since);
    }

    [Test]
    public async Task ShouldRefuseTheAccessTokenWhenTheSessionIsDeletedWithItsUser()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(login.AccessToken);
        await AssertAcceptedAsync(client);

        await ExecuteAsync("DELETE FROM auth.users WHERE id = $1", login.Account.UserId);
        var since = Stopwatch.StartNew();

        await AssertRefusedAsync(client, since);
    }

    [Test]
    public async Task ShouldRefuseARevokedTokenOnTheEndpointsOfEveryModule()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(login.AccessToken);
        using (var vaults = await client.GetAsync("/api/v1/vaults")) Assert.That(vaults.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var logout = await client.PostAsync("/api/v1/auth/logout", null);
        await AssertRefusedAsync(client, Stopwatch.StartNew());

        using var vault = await client.GetAsync("/api/v1/vaults");
        using var sync = await client.GetAsync("/api/v1/sync");
        using var directory = await client.GetAsync($"/api/v1/directory/users/alice/public-key");
        using var encrypt = await client.PostAsJsonAsync("/v1/encrypt", new { encryptionId = "notes", data = "AAAA" });
        using var contexts = await client.GetAsync("/v1/encryptions");

        await vault.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
        await sync.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
        await directory.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
        await encrypt.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
        await contexts.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
    }

    [Test]
    public async Task ShouldKeepAnsweringUnauthenticatedForATokenThatIsNotValid()
    {
        using var client = TestApp.CreateClient("not-a-token");

        using var response = await client.GetAsync("/api/v1/auth/session");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }
}
