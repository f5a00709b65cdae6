using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PasswordManager.IntegrationTests.Auth.Mfa;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Sessions;

/// <summary>
/// The per-account throttle: five free failures, then a back-off that doubles. Most tests run on an instance whose
/// first delay is a minute, so a block cannot run out while a slow machine is still asserting.
/// </summary>
public sealed class LoginThrottleHttpTests : TestBase
{
    private static readonly Dictionary<string, string?> MinuteBlocks = new() { ["Auth:Throttle:BaseDelay"] = "00:01:00" };
    private ApiFactory slow = null!;

    [OneTimeSetUp]
    public void StartSlowInstance() => slow = new ApiFactory(MinuteBlocks);

    [OneTimeTearDown]
    public async Task StopSlowInstanceAsync() => await slow.DisposeAsync();

    [Test]
    public async Task FailuresShouldEngageABackOffThatGrows()
    {
        await using var app = new ApiFactory(new Dictionary<string, string?> { ["Auth:Throttle:BaseDelay"] = "00:00:02" });
        var alice = await TestAccounts.RegisterAsync("alice");
        for (var i = 0; i < 4; i++) await FailAsync(app, alice, HttpStatusCode.Unauthorized);
        await FailAsync(app, alice, HttpStatusCode.Unauthorized);

        using (var blocked = await LoginAsync(app, TestAccounts.LoginBody(alice)))
        {
            var problem = await blocked.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
            Assert.That(blocked.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 2));
            Assert.That(problem.GetProperty("details").GetProperty("retryAfterSeconds").GetInt32(), Is.EqualTo((int)blocked.Headers.RetryAfter!.Delta!.Value.TotalSeconds));
        }

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await FailAsync(app, alice, HttpStatusCode.Unauthorized);
        using (var longer = await LoginAsync(app, TestAccounts.LoginBody(alice)))
        {
            await longer.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
            Assert.That(longer.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(3, 4));
        }

        await Task.Delay(TimeSpan.FromSeconds(4.2));
        using (var after = await LoginAsync(app, TestAccounts.LoginBody(alice)))
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), await after.Content.ReadAsStringAsync());
        for (var i = 0; i < 4; i++) await FailAsync(app, alice, HttpStatusCode.Unauthorized);
        using (var reset = await LoginAsync(app, TestAccounts.LoginBody(alice)))
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a successful login resets the count");
    }

    [Test]
    public async Task TheDelayShouldBeCappedAtFifteenMinutes()
    {
        await using var harsh = new ApiFactory(new Dictionary<string, string?> { ["Auth:Throttle:BaseDelay"] = "01:00:00", ["Auth:Throttle:FreeFailures"] = "1" });
        var bob = await TestAccounts.RegisterAsync("bob");
        await FailAsync(harsh, bob, HttpStatusCode.Unauthorized);

        using var capped = await LoginAsync(harsh, TestAccounts.LoginBody(bob));

        await capped.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
        Assert.That(capped.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(14 * 60, 15 * 60));
    }

    [Test]
    public async Task UnknownUsernamesShouldBeThrottledExactlyLikeKnownOnes()
    {
        var alice = await TestAccounts.RegisterAsync("alice");
        var ghost = TestAccount.Create("ghost");
        for (var i = 0; i < 5; i++)
        {
            await FailAsync(slow, alice, HttpStatusCode.Unauthorized);
            await FailAsync(slow, ghost, HttpStatusCode.Unauthorized);
        }

        using var known = await LoginAsync(slow, WrongPassword(alice));
        using var unknown = await LoginAsync(slow, WrongPassword(ghost));

        var knownProblem = await known.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
        var unknownProblem = await unknown.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
        Assert.That(unknownProblem.GetProperty("title").GetString(), Is.EqualTo(knownProblem.GetProperty("title").GetString()));
        Assert.That(unknown.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(50, 60));
        Assert.That(known.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(50, 60));
        using var client = slow.CreateClient();
        using var prelogin = await client.PostAsJsonAsync("/api/v1/auth/prelogin", new { username = "ghost" });
        Assert.That(prelogin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ADeviceWithAnActiveSessionShouldNotBeDelayedByOthersFailures()
    {
        var alice = await TestAccounts.RegisterAsync("alice");
        var laptop = Guid.NewGuid();
        await TestAccounts.LoginAsync(alice, laptop);
        for (var i = 0; i < 8; i++) await FailAsync(slow, alice, i < 5 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests);

        using (var stranger = await LoginAsync(slow, TestAccounts.LoginBody(alice, Guid.NewGuid())))
            await stranger.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
        using (var wrongOnLaptop = await LoginAsync(slow, WrongPassword(alice, laptop)))
            await wrongOnLaptop.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");

        using var again = await LoginAsync(slow, TestAccounts.LoginBody(alice, laptop));

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), await again.Content.ReadAsStringAsync());
        using var elsewhere = await LoginAsync(slow, TestAccounts.LoginBody(alice, Guid.NewGuid()));
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the owner's login reset the count");
    }

    [Test]
    public async Task ARevokedSessionShouldNotExemptItsDevice()
    {
        var alice = await TestAccounts.RegisterAsync("alice");
        var laptop = Guid.NewGuid();
        var session = await TestAccounts.LoginAsync(alice, laptop);
        using (var client = TestApp.CreateClient(session.AccessToken))
            Assert.That((await client.PostAsync("/api/v1/auth/logout", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        for (var i = 0; i < 5; i++) await FailAsync(slow, alice, HttpStatusCode.Unauthorized);

        using var response = await LoginAsync(slow, TestAccounts.LoginBody(alice, laptop));

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
    }

    [Test]
    public async Task WrongSecondFactorsShouldCountTowardsTheSameThrottle()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        var device = Guid.NewGuid();
        var ticket = await TestMfa.TicketAsync(mfa.Account, device, slow);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await TestMfa.CompleteAsync(ticket, device, recoveryCode: "aaaaa-aaaa" + i, app: slow);
            await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        }

        using var right = await TestMfa.CompleteAsync(ticket, device, recoveryCode: mfa.RecoveryCodes[0], app: slow);
        await right.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
        Assert.That(right.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(50, 60));
        using (var login = await LoginAsync(slow, TestAccounts.LoginBody(mfa.Account, Guid.NewGuid())))
            await login.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
        Assert.That(await MfaHttpTests.EventTypesAsync(mfa.Login), Does.Contain("login_throttled"));
        Assert.That((await MfaHttpTests.StatusAsync(mfa.Login)).GetProperty("recoveryCodesRemaining").GetInt32(), Is.EqualTo(10));
    }

    [Test]
    public async Task WrongAuthHashesToMfaChangesShouldCountToo()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var session = slow.CreateClient();
        session.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", alice.AccessToken);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await session.PostAsJsonAsync("/api/v1/auth/mfa/totp", new { authHash = Convert.ToBase64String(new byte[32]) });
            await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        }

        using var right = await session.PostAsJsonAsync("/api/v1/auth/mfa/totp", new { authHash = alice.Account.AuthHashBase64 });

        await right.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
        Assert.That(right.Headers.RetryAfter, Is.Not.Null);
        Assert.That(await TestDatabase.CountAsync("auth.totp_authenticators"), Is.Zero);
    }

    [Test]
    public async Task TheCountersShouldHoldForAnotherServerInstance()
    {
        var alice = await TestAccounts.RegisterAsync("alice");
        for (var i = 0; i < 5; i++) await FailAsync(slow, alice, HttpStatusCode.Unauthorized);

        await using var replica = new ApiFactory(MinuteBlocks);
        using var response = await LoginAsync(replica, TestAccounts.LoginBody(alice));

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.login_throttled");
        Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(30, 60));
    }

    [TestCase("username", "NUL")]
    [TestCase("username", "ESC")]
    [TestCase("device", "NUL")]
    public async Task MalformedLoginsShouldBeRefusedWithoutCounting(string field, string control)
    {
        var alice = await TestAccounts.RegisterAsync("alice");
        var body = WrongPassword(alice);
        var character = control == "NUL" ? "\u0000" : "\u001b[2J";
        if (field == "username") body["username"] = "ali" + character + "ce";
        else body["device"]!["name"] = "laptop" + character;

        using var response = await LoginAsync(slow, body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.StartsWith(field).IgnoreCase);
        Assert.That(await TestDatabase.CountAsync("auth.login_throttles"), Is.Zero);
    }

    private static async Task FailAsync(ApiFactory app, TestAccount account, HttpStatusCode expected)
    {
        using var response = await LoginAsync(app, WrongPassword(account));
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    private static JsonObject WrongPassword(TestAccount account, Guid? device = null)
    {
        var body = TestAccounts.LoginBody(account, device);
        body["authHash"] = Convert.ToBase64String(new byte[32]);
        return body;
    }

    private static async Task<HttpResponseMessage> LoginAsync(ApiFactory app, JsonObject body)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/login", body);
    }
}
