using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Administration.ConsoleAccess;

/// <summary>
/// <c>POST /api/v1/admin/console-links</c> and the console sign-in it leads to (ADR-0028): who may make a link, that it
/// opens one console session once, that the session follows its device session and sees only the admin's tenant, and
/// that the console cookie opens nothing else.
/// </summary>
public sealed partial class ConsoleLinkHttpTests : TestBase
{
    private const string LinkPath = "/api/v1/admin/console-links";

    [Test]
    public async Task AnonymousMembersAndApiKeysGetNoLink()
    {
        var world = await AdminWorld.CreateAsync();

        using (var anonymous = TestApp.CreateClient())
        using (var response = await anonymous.PostAsync(LinkPath, null))
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        using (var member = TestApp.CreateClient(world.AcmeMember.AccessToken))
        using (var response = await member.PostAsync(LinkPath, null))
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        foreach (var key in new[] { world.UserManagementKey, world.ExportKey })
        {
            using var client = TestApiKeys.Client(key);
            using var response = await client.PostAsync(LinkPath, null);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        }

        Assert.That(await TestDatabase.CountAsync("auth.console_links"), Is.Zero);
    }

    [Test]
    public async Task ADemotedAdminWithAnOldTokenGetsNoLink()
    {
        var world = await AdminWorld.CreateAsync();
        await using (var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Database))
        {
            await connection.OpenAsync();
            await using var demote = new Npgsql.NpgsqlCommand($"UPDATE auth.users SET role = 'Member' WHERE id = '{world.AcmeAdmin.Account.UserId}'", connection);
            Assert.That(await demote.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        using var client = TestApp.CreateClient(world.AcmeAdmin.AccessToken);
        using var response = await client.PostAsync(LinkPath, null);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.not_administrator");
        Assert.That(await TestDatabase.CountAsync("auth.console_links"), Is.Zero);
    }

    [Test]
    public async Task ALinkOpensOneConsoleSessionOnceAndOnlyItsHashIsStored()
    {
        var world = await AdminWorld.CreateAsync();
        var started = DateTimeOffset.UtcNow;
        var (path, expiresAt) = await CreateLinkAsync(world.AcmeOwner);
        var token = path[(path.IndexOf('=', StringComparison.Ordinal) + 1)..];

        Assert.That(path, Does.StartWith("/admin/sign-in?token="));
        Assert.That(expiresAt, Is.InRange(started.AddSeconds(55), DateTimeOffset.UtcNow.AddSeconds(61)));
        Assert.That(await TestDatabase.DumpAsync(), Does.Not.Contain(token), "only a hash of the token is stored");

        using var browser = Browser();
        using var first = await browser.GetAsync(path);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(first.Headers.Location?.ToString(), Is.EqualTo("/admin"));
        var cookie = SessionCookie(first);
        using var second = await browser.GetAsync(path);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "single use");
        Assert.That(second.Headers.Contains("Set-Cookie"), Is.False);

        using var overview = await browser.SendAsync(WithCookie(HttpMethod.Get, "/admin", cookie));
        Assert.That(overview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await overview.Content.ReadAsStringAsync(), Does.Contain("acme-owner"));
        Assert.That(await TestDatabase.CountAsync("auth.security_events WHERE type IN ('console_link_created', 'console_signed_in')"), Is.EqualTo(2));
    }

    [Test]
    public async Task TheConsoleCookieOpensNoVaultAndNoApiEndpoint()
    {
        var world = await AdminWorld.CreateAsync();
        var cookie = await SignInAsync(world.Root);
        using var browser = Browser();

        foreach (var path in new[] { "/api/v1/vaults", "/api/v1/sync", "/api/v1/auth/account", "/api/v1/admin/users", "/api/v1/admin/tenants" })
        {
            using var response = await browser.SendAsync(WithCookie(HttpMethod.Get, path, cookie));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
        }
    }

    [Test]
    public async Task TheConsoleSessionEndsWithItsDeviceSession()
    {
        var world = await AdminWorld.CreateAsync();
        var cookie = await SignInAsync(world.AcmeOwner);
        var (unusedPath, _) = await CreateLinkAsync(world.AcmeOwner);
        using var browser = Browser();

        using (var device = TestApp.CreateClient(world.AcmeOwner.AccessToken))
        using (var logout = await device.PostAsync("/api/v1/auth/logout", null))
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var page = await browser.SendAsync(WithCookie(HttpMethod.Get, "/admin/users", cookie));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.Headers.Location?.ToString(), Does.Contain("/admin/sign-in"));
        using var unused = await browser.GetAsync(unusedPath);
        Assert.That(unused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a link of an ended session opens nothing");
    }

    [Test]
    public async Task AnotherTenantsAdminSeesNoneOfThisTenant()
    {
        var world = await AdminWorld.CreateAsync();
        var cookie = await SignInAsync(world.GlobexOwner);
        using var browser = Browser();

        using var users = await browser.SendAsync(WithCookie(HttpMethod.Get, "/admin/users", cookie));
        var html = await users.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("globex-owner").And.Not.Contain("acme").And.Not.Contain("root-admin"));
        using var acmeUser = await browser.SendAsync(WithCookie(HttpMethod.Get, $"/admin/users/{world.AcmeTargets[0].UserId}", cookie));
        Assert.That(acmeUser.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await acmeUser.Content.ReadAsStringAsync(), Does.Not.Contain("acme-t1"));
        using var audit = await browser.SendAsync(WithCookie(HttpMethod.Get, $"/admin/audit?tenant={world.AcmeId}", cookie));
        Assert.That(await audit.Content.ReadAsStringAsync(), Does.Not.Contain(world.AcmeId.ToString()), "a tenant admin's audit view stays on its tenant");

        var disable = await PostFormAsync(browser, cookie, $"/admin/users/{world.AcmeTargets[0].UserId}", "Disable");
        Assert.That(disable, Is.EqualTo(HttpStatusCode.NotFound), "another tenant's user does not exist for it");
        Assert.That(await TestDatabase.CountAsync($"auth.users WHERE id = '{world.AcmeTargets[0].UserId}' AND disabled_at IS NOT NULL"), Is.Zero);
    }

    [Test]
    public async Task AConsoleFormActsThroughTheAdminCommandsAndRefusesAPostWithoutItsToken()
    {
        var world = await AdminWorld.CreateAsync();
        var cookie = await SignInAsync(world.AcmeAdmin);
        var target = world.AcmeTargets[0].UserId;
        using var browser = Browser();

        using (var forged = WithCookie(HttpMethod.Post, $"/admin/users/{target}?handler=Disable", cookie))
        {
            forged.Content = new FormUrlEncodedContent([]);
            using var response = await browser.SendAsync(forged);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        Assert.That(await TestDatabase.CountAsync($"auth.users WHERE id = '{target}' AND disabled_at IS NOT NULL"), Is.Zero);

        Assert.That(await PostFormAsync(browser, cookie, $"/admin/users/{target}", "Disable"), Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await TestDatabase.CountAsync($"auth.users WHERE id = '{target}' AND disabled_at IS NOT NULL"), Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync(
            $"auth.security_events WHERE user_id = '{target}' AND type = 'account_disabled_by_admin' AND details::text LIKE '%tenant_admin%'"), Is.EqualTo(1),
            "the same security event as the admin API's");
        Assert.That(await PostFormAsync(browser, cookie, $"/admin/users/{world.AcmeOwner.Account.UserId}", "Disable"), Is.EqualTo(HttpStatusCode.BadRequest),
            "an admin may not disable an owner, in the console as in the API");
    }

    [TestCase("not-a-token")]
    [TestCase("tok\u0001en")]
    [TestCase("%00%01")]
    public async Task ABadTokenOpensNothing(string token)
    {
        var world = await AdminWorld.CreateAsync();
        await CreateLinkAsync(world.AcmeOwner);
        using var browser = Browser();

        using var response = await browser.GetAsync("/admin/sign-in?token=" + Uri.EscapeDataString(token));

        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
        Assert.That(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("pm_console=", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task AHugeTokenOrBodyIsRefusedWithoutAnError()
    {
        var world = await AdminWorld.CreateAsync();
        using var browser = Browser();
        using var hugeToken = await browser.GetAsync("/admin/sign-in?token=" + new string('a', 5000));
        Assert.That((int)hugeToken.StatusCode, Is.InRange(400, 499));

        using var client = TestApp.CreateClient(world.AcmeOwner.AccessToken);
        using var hugeBody = await client.PostAsync(LinkPath, new StringContent(new string('x', 64 * 1024), System.Text.Encoding.UTF8, "application/json"));
        Assert.That((int)hugeBody.StatusCode, Is.InRange(400, 499));
        Assert.That(await TestDatabase.CountAsync("auth.console_links"), Is.Zero);
    }

    [Test]
    public async Task AnUnauthenticatedConsolePageRedirectsToTheSignInPage()
    {
        using var browser = Browser();
        foreach (var path in new[] { "/admin", "/admin/users", "/admin/flags", "/admin/audit", "/admin/health" })
        {
            using var response = await browser.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), path);
            Assert.That(response.Headers.Location?.ToString(), Does.Contain("/admin/sign-in"), path);
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"));
        }
    }

    private static async Task<(string Path, DateTimeOffset ExpiresAt)> CreateLinkAsync(LoggedIn admin)
    {
        using var client = TestApp.CreateClient(admin.AccessToken);
        using var response = await client.PostAsync(LinkPath, null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("path").GetString()!, body.GetProperty("expiresAt").GetDateTimeOffset());
    }

    private static async Task<string> SignInAsync(LoggedIn admin)
    {
        var (path, _) = await CreateLinkAsync(admin);
        using var browser = Browser();
        using var response = await browser.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        return SessionCookie(response);
    }

    /// <summary>Posts a console form as a browser would: the page's antiforgery token and cookie, then the form.</summary>
    private static async Task<HttpStatusCode> PostFormAsync(HttpClient browser, string cookie, string page, string handler)
    {
        using var get = await browser.SendAsync(WithCookie(HttpMethod.Get, page, cookie));
        var html = await get.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        var antiforgeryCookie = get.Headers.TryGetValues("Set-Cookie", out var set) ? set.FirstOrDefault(c => c.StartsWith("pm_console_csrf=", StringComparison.Ordinal)) : null;
        if (!token.Success || antiforgeryCookie is null) return get.StatusCode;

        using var post = WithCookie(HttpMethod.Post, $"{page}?handler={handler}", cookie + "; " + antiforgeryCookie.Split(';')[0]);
        post.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]);
        using var response = await browser.SendAsync(post);
        return response.StatusCode;
    }

    /// <summary>A client like a browser on the HTTPS site: no automatic redirects, cookies passed by hand.</summary>
    private static HttpClient Browser() => TestApp.Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = false,
    });

    private static string SessionCookie(HttpResponseMessage response)
    {
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pm_console=", StringComparison.Ordinal));
        Assert.That(cookie.ToLowerInvariant(), Does.Contain("httponly").And.Contain("secure").And.Contain("samesite=strict"));
        return cookie.Split(';')[0];
    }

    private static HttpRequestMessage WithCookie(HttpMethod method, string path, string cookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
