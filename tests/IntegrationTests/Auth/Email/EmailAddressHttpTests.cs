using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Auth.Accounts;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Auth.Mfa;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Email;

public sealed class EmailAddressHttpTests : TestBase
{
    private const string VerifyPath = "/api/v1/auth/email/verify";
    private const string ChangePath = "/api/v1/auth/account/email";
    private const string HintPath = "/api/v1/auth/hint";

    [Test]
    public async Task ShouldVerifyTheAddressOnceWithTheMailedCode()
    {
        var name = TestMail.UniqueName("verify");
        await TestAccounts.RegisterAsync(name);
        var mail = await TestMail.SingleAsync(TestMail.AddressOf(name), "Confirm your email address");
        Assert.That(mail.Html, Does.Contain("<a href="));
        var code = TestMail.TokenIn(mail);
        using var client = TestApp.CreateClient();

        using var verified = await client.PostAsJsonAsync(VerifyPath, new { code });
        using var again = await client.PostAsJsonAsync(VerifyPath, new { code });

        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await verified.Content.ReadAsStringAsync());
        await again.AssertProblemAsync(HttpStatusCode.BadRequest, "auth.email_verification_invalid");
        Assert.That(await TestDatabase.CountAsync("auth.users WHERE email_verified_at IS NOT NULL AND email_verification_hash IS NULL"), Is.EqualTo(1));
        Assert.That(await TestDatabase.DumpAsync(), Does.Not.Contain(code), "only the code's hash is stored");
    }

    [Test]
    public async Task ShouldRefuseAnExpiredCode()
    {
        var name = TestMail.UniqueName("expired");
        await TestAccounts.RegisterAsync(name);
        var code = TestMail.TokenIn(await TestMail.SingleAsync(TestMail.AddressOf(name), "Confirm your email address"));
        await ExecuteAsync("UPDATE auth.users SET email_verification_expires_at = now() - interval '1 second'");
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsJsonAsync(VerifyPath, new { code });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "auth.email_verification_invalid");
        Assert.That(await TestDatabase.CountAsync("auth.users WHERE email_verified_at IS NOT NULL"), Is.Zero);
    }

    [TestCase("", TestName = "ShouldRejectAnEmptyVerificationCode")]
    [TestCase("abc\u0001def", TestName = "ShouldRejectAVerificationCodeWithAControlCharacter")]
    [TestCase("unknown-code", TestName = "ShouldRejectAnUnknownVerificationCode")]
    public async Task ShouldRejectBadCodes(string code)
    {
        using var client = TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync(VerifyPath, new { code });
        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task ShouldRejectAHugeVerificationCode()
    {
        using var client = TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync(VerifyPath, new { code = new string('a', 5000) });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
    }

    [Test]
    public async Task ShouldSendNothingButTheVerificationMailToAnUnverifiedAddress()
    {
        var name = TestMail.UniqueName("unverified");
        var login = await TestAccounts.RegisterAndLoginAsync(name);
        await TestApiKeys.CreateAsync(login, "export");
        using var client = TestApp.CreateClient();
        using var hint = await client.PostAsJsonAsync(HintPath, new { emailOrUsername = name });
        Assert.That(hint.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        await TestMail.DeliverAsync();

        var mails = await TestMail.ToAsync(TestMail.AddressOf(name));
        Assert.That(mails.Select(m => m.Subject), Is.EqualTo(new[] { "PasswordManager: Confirm your email address" }));
    }

    [Test]
    public async Task ShouldNotifyAVerifiedAddressOfANewApiKey()
    {
        var name = TestMail.UniqueName("notice");
        var login = await TestMail.RegisterVerifiedAsync(name);

        await TestApiKeys.CreateAsync(login, "export");

        var mail = await TestMail.SingleAsync(TestMail.AddressOf(name), "Security notice");
        Assert.That(mail.Text, Does.Contain("An API key was created"));
        Assert.That(mail.Text, Does.Not.Contain("pms_"), "no secret in mail");
    }

    [Test]
    public async Task ShouldNotifyAVerifiedAddressOfANewDeviceMfaTurnedOffAndAPasswordChange()
    {
        var name = TestMail.UniqueName("notices");
        var login = await TestMail.RegisterVerifiedAsync(name);
        var phone = Guid.NewGuid();
        await TestAccounts.LoginAsync(login.Account, phone);
        await TestAccounts.LoginAsync(login.Account, phone);
        var mfa = await TestMfa.EnableAsync(login);
        using var client = TestApp.CreateClient(login.AccessToken);
        using (var disabled = await client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { authHash = login.Account.AuthHashBase64, code = mfa.CodeAt(mfa.ConfirmedStep + 1) }))
            Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await disabled.Content.ReadAsStringAsync());
        using (var changed = await client.PostAsJsonAsync("/api/v1/auth/account/password", ChangeMasterPasswordHttpTests.ChangeBody(login.Account).Body))
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());

        await TestMail.DeliverAsync();

        var notices = (await TestMail.ToAsync(TestMail.AddressOf(name))).Where(m => m.Subject.Contains("Security notice", StringComparison.Ordinal))
            .Select(m => m.Text).ToList();
        Assert.That(notices, Has.Count.EqualTo(3), string.Join("\n---\n", notices));
        Assert.That(notices, Has.One.Contains("signed in from a new device (device \"test device\")"));
        Assert.That(notices, Has.One.Contains("Two-factor authentication was turned off"));
        Assert.That(notices, Has.One.Contains("master password of your account was changed"));
    }

    [Test]
    public async Task ShouldMailTheHintToAVerifiedAddressAndAnswerAlikeForUnknownAccounts()
    {
        var name = TestMail.UniqueName("hint");
        var login = await TestMail.RegisterVerifiedAsync(name);
        using (var owner = TestApp.CreateClient(login.AccessToken))
        using (var set = await owner.PutAsJsonAsync("/api/v1/auth/account/hint", new { passwordHint = "<b>blue</b> & bicycle" }))
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var client = TestApp.CreateClient();

        using var byName = await client.PostAsJsonAsync(HintPath, new { emailOrUsername = name });
        using var byEmail = await client.PostAsJsonAsync(HintPath, new { emailOrUsername = TestMail.AddressOf(name).ToUpperInvariant() });
        using var unknown = await client.PostAsJsonAsync(HintPath, new { emailOrUsername = "nobody-" + Guid.NewGuid().ToString("N")[..8] });
        using var unknownEmail = await client.PostAsJsonAsync(HintPath, new { emailOrUsername = "nobody@example.test" });

        foreach (var response in new[] { byName, byEmail, unknown, unknownEmail })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
            Assert.That(response.Headers.Location, Is.Null);
        }

        await TestMail.DeliverAsync();
        var hints = (await TestMail.ToAsync(TestMail.AddressOf(name))).Where(m => m.Subject.Contains("hint", StringComparison.Ordinal)).ToList();
        Assert.That(hints, Has.Count.EqualTo(2));
        Assert.That(hints[0].Text, Does.Contain("<b>blue</b> & bicycle"));
        Assert.That(hints[0].Html, Does.Contain("&lt;b&gt;blue&lt;/b&gt; &amp; bicycle").And.Not.Contain("<b>blue"));
        Assert.That(await TestMail.ToAsync("nobody@example.test"), Is.Empty);
    }

    [TestCase("", TestName = "ShouldRejectAnEmptyHintRequest")]
    [TestCase("name\u0007", TestName = "ShouldRejectAHintRequestWithAControlCharacter")]
    public async Task ShouldRejectBadHintRequests(string who)
    {
        using var client = TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync(HintPath, new { emailOrUsername = who });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestDatabase.CountAsync("auth.email_outbox"), Is.Zero);
    }

    [Test]
    public async Task ShouldChangeTheAddressAfterReauthenticationAndVerifyTheNewOne()
    {
        var name = TestMail.UniqueName("change");
        var login = await TestMail.RegisterVerifiedAsync(name);
        var newAddress = TestMail.UniqueName("new") + "@example.test";
        using var client = TestApp.CreateClient(login.AccessToken);

        using var wrong = await client.PutAsJsonAsync(ChangePath, new { email = newAddress, authHash = Convert.ToBase64String(new byte[32]) });
        await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        using var changed = await client.PutAsJsonAsync(ChangePath, new { email = newAddress, authHash = login.Account.AuthHashBase64 });

        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await changed.Content.ReadAsStringAsync());
        Assert.That(await TestDatabase.CountAsync($"auth.users WHERE email = '{newAddress}' AND email_verified_at IS NULL"), Is.EqualTo(1));
        var notice = await TestMail.SingleAsync(TestMail.AddressOf(name), "Security notice");
        Assert.That(notice.Text, Does.Contain("email address of your account was changed").And.Not.Contain(newAddress));
        await TestMail.VerifyAsync(newAddress);
        Assert.That(await TestDatabase.CountAsync($"auth.users WHERE email = '{newAddress}' AND email_verified_at IS NOT NULL"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldRefuseAnAddressChangeFromAnonymousCallersApiKeysAndBadInput()
    {
        var name = TestMail.UniqueName("guard");
        var login = await TestAccounts.RegisterAndLoginAsync(name);
        var key = await TestApiKeys.CreateAsync(login, TestApiKeys.AllScopes);
        var body = new { email = "other@example.test", authHash = login.Account.AuthHashBase64 };

        using var anonymous = await TestApp.CreateClient().PutAsJsonAsync(ChangePath, body);
        using var apiKey = await TestApiKeys.Client(key).PutAsJsonAsync(ChangePath, body);
        using var client = TestApp.CreateClient(login.AccessToken);
        using var notAnAddress = await client.PutAsJsonAsync(ChangePath, new { email = "not an address", authHash = login.Account.AuthHashBase64 });
        using var control = await client.PutAsJsonAsync(ChangePath, new { email = "a\u0001@example.test", authHash = login.Account.AuthHashBase64 });
        using var huge = await client.PutAsJsonAsync(ChangePath, new { email = new string('a', 300) + "@example.test", authHash = login.Account.AuthHashBase64 });
        using var badHash = await client.PutAsJsonAsync(ChangePath, new { email = "ok@example.test", authHash = "!!" });

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((int)apiKey.StatusCode, Is.AnyOf(401, 403));
        foreach (var response in new[] { notAnAddress, control, huge, badHash })
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(await TestDatabase.CountAsync($"auth.users WHERE email = '{TestMail.AddressOf(name)}'"), Is.EqualTo(1), "nothing changed");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
