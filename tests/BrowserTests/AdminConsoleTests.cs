using System.Net;
using System.Text.Json;
using OpenQA.Selenium;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.BrowserTests.ConsoleFixture;
using static PasswordManager.BrowserTests.ConsolePage;

namespace PasswordManager.BrowserTests;

/// <summary>
/// The admin console in headless Chromium against the real server: sign-in through a <c>pm admin console</c> link,
/// the actions an administrator takes (each read back from the audit log), the web security rules, and tenant scoping.
/// </summary>
[NonParallelizable]
public sealed class AdminConsoleTests
{
    private static readonly string[] pages = ["", "/users", "/tenants", "/plans", "/flags", "/audit", "/health"];

    [TearDown]
    public void SaveScreenshotOnFailure() => ScreenshotOnFailure();

    [Test]
    [CancelAfter(120_000)]
    public async Task ALinkSignsInOnceAndTheOverviewShowsCharts()
    {
        var link = await ConsoleLinkAsync(Admin, AdminPassword);
        Driver.Manage().Cookies.DeleteAllCookies();
        Driver.Navigate().GoToUrl(link);

        Assert.That(Heading(), Is.EqualTo("Overview"));
        Assert.That(Driver.FindElements(By.CssSelector("svg.chart")), Has.Count.EqualTo(2), "sign-ins and failed sign-ins");
        Assert.That(Find(By.CssSelector("header .who")).Text, Does.Contain(AdminName).And.Contain("instance administrator"));
        using var http = Http();
        using var again = await http.GetAsync(link);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a link works once");
        Assert.That(again.Headers.Contains("Set-Cookie"), Is.False);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task AnAdminFindsAUserAndDisablesThemAndTheirPmIsLoggedOut()
    {
        var (password, _) = TestUsers.NewPassword();
        var name = TestUsers.NewUsername("carol");
        var carol = await NewDeviceAsync();
        await ExpectOk(carol.RunAsync(["register", "-u", name], password, null));
        await ExpectOk(carol.RunAsync(["login", "-u", name], password, null));
        await SignInAsync(Admin, AdminPassword);

        Open("/admin/users");
        Fill("q", name);
        Press("Search");
        Driver.FindElement(By.LinkText(name)).Click();
        Assert.That(Heading(), Is.EqualTo("User " + name));
        Press("Disable user");

        Assert.That(Find(By.Id("user-status")).Text, Does.StartWith("disabled"));
        Assert.That(Notice(), Does.Contain("disabled"));
        var afterwards = await carol.RunAsync(["whoami", "--json"], password, null);
        Assert.That(afterwards.ExitCode, Is.Not.Zero, "carol's session ended: " + afterwards);
        var login = await carol.RunAsync(["login", "-u", name, "--json"], password, null);
        Assert.That(login.Stdout + login.Stderr, Does.Contain("auth.account_disabled"));

        var userId = Driver.Url.Split('/')[^1].Split('?')[0];
        AssertAuditShows("account_disabled_by_admin", userId);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task AnAdminChangesATenantsPlan()
    {
        var tenant = "Acme " + Guid.NewGuid().ToString("N")[..8];
        await ExpectOk(Admin.RunAsync(["admin", "tenant", "create", tenant, "--owner-email", "boss@acme.example", "--json"], AdminPassword, null));
        await SignInAsync(Admin, AdminPassword);

        Open("/admin/tenants");
        var row = Driver.FindElement(By.XPath($"//tr[td/a[normalize-space(.)='{tenant}']]"));
        var tenantId = row.FindElement(By.CssSelector("input[name=tenantId]")).GetAttribute("value");
        row.FindElement(By.CssSelector("select[name=planId] option[value='teams']")).Click();
        Press("Change plan", row);

        Assert.That(Notice(), Does.Contain("plan is changed"));
        var changed = Driver.FindElement(By.XPath($"//tr[td/a[normalize-space(.)='{tenant}']]"));
        Assert.That(changed.FindElement(By.CssSelector("select[name=planId]")).GetDomProperty("value"), Is.EqualTo("teams"));
        AssertAuditShows("billing_subscription_changed", tenantId!);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task AnAdminCreatesAndFlipsAFlag()
    {
        var flag = "console-" + Guid.NewGuid().ToString("N")[..8];
        await SignInAsync(Admin, AdminPassword);

        Open("/admin/flags");
        Fill("name", flag);
        Fill("description", "Tried from the console");
        Find(By.Id("enabled")).Click();
        Fill("plans", "teams");
        Fill("rollout", "25");
        Press("Save flag");
        Assert.That(Find(By.Id("flag-state-" + flag)).Text, Is.EqualTo("on"));

        Press("Turn off", Driver.FindElement(By.XPath($"//tr[td[@id='flag-state-{flag}']]")));

        Assert.That(Find(By.Id("flag-state-" + flag)).Text, Is.EqualTo("off"));
        AssertAuditShows("billing_flag_changed", flag);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task AFormPostWithoutTheAntiforgeryTokenIsRefused()
    {
        var (password, _) = TestUsers.NewPassword();
        var name = TestUsers.NewUsername("dave");
        var dave = await NewDeviceAsync();
        await ExpectOk(dave.RunAsync(["register", "-u", name], password, null));
        var userId = JsonDocument.Parse((await ExpectOk(Admin.RunAsync(["admin", "user", "show", name, "--json"], AdminPassword, null))).Stdout)
            .RootElement.GetProperty("userId").GetGuid();
        await SignInAsync(Admin, AdminPassword);
        using var http = Http();

        using var post = WithConsoleCookie(HttpMethod.Post, $"/admin/users/{userId}?handler=Disable");
        post.Content = new FormUrlEncodedContent([]);
        Assert.That(await StatusOfAsync(http, post), Is.EqualTo(HttpStatusCode.BadRequest));

        using var forged = WithConsoleCookie(HttpMethod.Post, $"/admin/users/{userId}?handler=Disable");
        forged.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", "forged")]);
        Assert.That(await StatusOfAsync(http, forged), Is.EqualTo(HttpStatusCode.BadRequest));

        var shown = JsonDocument.Parse((await ExpectOk(Admin.RunAsync(["admin", "user", "show", name, "--json"], AdminPassword, null))).Stdout).RootElement;
        Assert.That(shown.GetProperty("disabled").GetBoolean(), Is.False, "nothing changed");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task EveryConsoleResponseCarriesTheSecurityHeadersAndTheCookieIsLockedDown()
    {
        using var http = Http();
        var link = await ConsoleLinkAsync(Admin, AdminPassword);
        using var signIn = await http.GetAsync(link);
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pm_console=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.That(cookie, Does.Contain("httponly").And.Contain("secure").And.Contain("samesite=strict").And.Contain("path=/admin"));

        await SignInAsync(Admin, AdminPassword);
        foreach (var page in pages.Select(p => "/admin" + p).Append("/admin/sign-in").Append("/admin/console.css"))
        {
            using var response = await http.SendAsync(WithConsoleCookie(HttpMethod.Get, page));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Multiple(() =>
            {
                Assert.That(csp, Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'").And.Not.Contain("unsafe-inline").And.Not.Contain("unsafe-eval"), page);
                Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"), page);
                Assert.That(response.Headers.CacheControl?.NoStore, Is.True, page);
            });
            if (page.EndsWith(".css", StringComparison.Ordinal)) continue;
            var html = await response.Content.ReadAsStringAsync();
            Assert.That(html, Does.Not.Contain("<script").And.Not.Contain(" style=\"").And.Not.Contain("<style"), $"{page} needs nothing the CSP forbids");
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task TheConsoleCookieNeverReachesTheVaultOrTheApi()
    {
        await SignInAsync(Admin, AdminPassword);
        using var http = Http();

        foreach (var path in new[] { "/api/v1/vaults", "/api/v1/sync", "/api/v1/auth/account", "/api/v1/admin/users" })
            Assert.That(await StatusOfAsync(http, WithConsoleCookie(HttpMethod.Get, path)), Is.EqualTo(HttpStatusCode.Unauthorized), path);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task LoggingOutTheDeviceEndsTheConsoleSession()
    {
        var device = await NewDeviceAsync();
        await ExpectOk(device.RunAsync(["login", "-u", AdminName], AdminPassword, null));
        await SignInAsync(device, AdminPassword);

        await ExpectOk(device.RunAsync(["logout"], AdminPassword, null));
        Open("/admin/users");

        Assert.That(Heading(), Is.EqualTo("Sign in to the admin console"));
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task ATenantAdminSeesOnlyTheirTenant()
    {
        var tenant = "Solo " + Guid.NewGuid().ToString("N")[..8];
        var created = JsonDocument.Parse((await ExpectOk(Admin.RunAsync(
            ["admin", "tenant", "create", tenant, "--owner-email", "owner@solo.example", "--json"], AdminPassword, null))).Stdout).RootElement;
        var code = created.GetProperty("ownerInvitation").GetProperty("code").GetString()!;
        var (password, _) = TestUsers.NewPassword();
        var ownerName = TestUsers.NewUsername("owner");
        var owner = await NewDeviceAsync();
        await ExpectOk(owner.RunAsync(["register", "-u", ownerName, "--invitation", code], password, null));
        await ExpectOk(owner.RunAsync(["login", "-u", ownerName], password, null));

        await SignInAsync(owner, password);
        Assert.That(Find(By.CssSelector("header .who")).Text, Does.Contain("tenant administrator"));
        Assert.That(Driver.FindElements(By.LinkText("Flags")), Is.Empty);
        Open("/admin/users");
        var users = Find(By.TagName("tbody")).Text;
        Assert.That(users, Does.Contain(ownerName).And.Not.Contain(AdminName));
        Open("/admin/tenants");
        Assert.That(Find(By.TagName("tbody")).Text, Does.Contain(tenant).And.Not.Contain("Default"));
        Open("/admin/flags");
        Assert.That(Find(By.CssSelector("p.notice.error")).Text, Does.Contain("Only instance administrators"));
        var adminId = JsonDocument.Parse((await ExpectOk(Admin.RunAsync(["whoami", "--json"], AdminPassword, null))).Stdout).RootElement.GetProperty("userId").GetGuid();
        Open($"/admin/users/{adminId}");
        Assert.That(Find(By.CssSelector("p.notice.error")).Text, Does.Contain("No such user").Or.Contain("not found").IgnoreCase);
        Assert.That(Driver.PageSource, Does.Not.Contain(AdminName));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task EveryPageRendersAndIsUsableOnAPhone()
    {
        await SignInAsync(Admin, AdminPassword);
        var update = Environment.GetEnvironmentVariable("PM_UPDATE_SCREENSHOTS") == "1";
        var images = update ? Directory.CreateDirectory(Path.Combine(DeployScripts.RepositoryRoot, "docs", "images")).FullName : null;
        try
        {
            foreach (var (width, suffix) in new[] { (1280, ""), (390, "-phone") })
            {
                Driver.Manage().Window.Size = new System.Drawing.Size(width, 1000);
                foreach (var page in pages)
                {
                    Open("/admin" + page);
                    Assert.That(Driver.FindElements(By.CssSelector("p.notice.error")), Is.Empty, page);
                    var unlabeled = Driver.FindElements(By.CssSelector("main input:not([type=hidden]), main select, main textarea"))
                        .Where(c => Driver.FindElements(By.CssSelector($"label[for='{c.GetAttribute("id")}']")).Count == 0 && string.IsNullOrEmpty(c.GetAttribute("aria-label")))
                        .Select(c => c.GetAttribute("name"));
                    Assert.That(unlabeled, Is.Empty, $"every control of /admin{page} has a label");
                    var overflow = (long)((IJavaScriptExecutor)Driver).ExecuteScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")!;
                    Assert.That(overflow, Is.LessThanOrEqualTo(0), $"/admin{page} fits {width} px without scrolling sideways");
                    var name = "admin-console-" + (page.Length == 0 ? "overview" : page.TrimStart('/')) + suffix;
                    Screenshot(name);
                    if (images is not null && (suffix.Length == 0 || page.Length == 0)) Screenshot(name, images);
                }
            }
        }
        finally
        {
            Driver.Manage().Window.Size = new System.Drawing.Size(1280, 1000);
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task TheKeyboardReachesEveryActionInOrder()
    {
        await SignInAsync(Admin, AdminPassword);
        Open("/admin/users");

        var body = Find(By.TagName("body"));
        body.SendKeys(Keys.Tab);
        Assert.That(Driver.SwitchTo().ActiveElement().Text, Is.EqualTo("Skip to content"));
        Driver.SwitchTo().ActiveElement().SendKeys(Keys.Enter);
        var focused = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            Driver.SwitchTo().ActiveElement().SendKeys(Keys.Tab);
            focused.Add(Driver.SwitchTo().ActiveElement().GetAttribute("id") ?? "");
        }

        Assert.That(focused, Does.Contain("q").And.Contain("status"), "the search form is reached with Tab from the content");
    }

    /// <summary>The audit page, filtered by <paramref name="action"/>, lists an entry naming <paramref name="subject"/>, and the chain verifies.</summary>
    private static void AssertAuditShows(string action, string subject)
    {
        Open("/admin/audit?action=" + Uri.EscapeDataString(action));
        Assert.That(Find(By.Id("chain-status")).Text, Does.StartWith("Intact"));
        var rows = Driver.FindElements(By.CssSelector("#audit-events tbody tr")).Select(r => r.Text).ToList();
        Assert.That(rows.Any(r => r.Contains(action, StringComparison.Ordinal) && r.Contains(subject, StringComparison.OrdinalIgnoreCase)), Is.True,
            $"an {action} entry naming {subject} among:\n" + string.Join("\n", rows));
    }
}
