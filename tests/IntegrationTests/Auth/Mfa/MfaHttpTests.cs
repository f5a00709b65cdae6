using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OtpNet;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Mfa;

public sealed class MfaHttpTests : TestBase
{
    [Test]
    public async Task EnrolmentShouldAnswerAnOtpauthUriAndAQrCodeAndStayOffUntilConfirmed()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");

        var enrolment = await TestMfa.EnrolAsync(alice);

        var uri = enrolment.GetProperty("otpauthUri").GetString()!;
        var png = enrolment.GetProperty("qrCodePng").GetBytesFromBase64();
        Assert.Multiple(() =>
        {
            Assert.That(uri, Does.StartWith("otpauth://totp/PasswordManager:alice?secret=" + enrolment.GetProperty("secret").GetString()));
            Assert.That(png.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        });
        var status = await StatusAsync(alice);
        Assert.That(status.GetProperty("enabled").GetBoolean(), Is.False);
        Assert.That(status.GetProperty("enrolmentPending").GetBoolean(), Is.True);
        await TestAccounts.LoginAsync(alice.Account);
    }

    [Test]
    public async Task ConfirmingShouldTurnMfaOnAndGiveTenRecoveryCodes()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");

        Assert.That(mfa.RecoveryCodes, Has.Count.EqualTo(10).And.All.Match(@"^[a-z0-9]{5}-[a-z0-9]{5}$"));
        Assert.That(mfa.RecoveryCodes.Distinct().Count(), Is.EqualTo(10));
        var status = await StatusAsync(mfa.Login);
        Assert.That(status.GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(status.GetProperty("recoveryCodesRemaining").GetInt32(), Is.EqualTo(10));
        Assert.That(await EventTypesAsync(mfa.Login), Does.Contain("mfa_enabled"));
    }

    [Test]
    public async Task ConfirmingWithAWrongCodeShouldLeaveMfaOff()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var secret = Base32Encoding.ToBytes((await TestMfa.EnrolAsync(alice)).GetProperty("secret").GetString()!);
        using var client = TestApp.CreateClient(alice.AccessToken);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/mfa/totp/confirm", new { code = TestMfa.CodeAt(secret, TestMfa.CurrentStep + 5) });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        Assert.That((await StatusAsync(alice)).GetProperty("enabled").GetBoolean(), Is.False);
        Assert.That(await TestDatabase.CountAsync("auth.recovery_codes"), Is.Zero);
    }

    [Test]
    public async Task EnrolmentShouldNeedTheRightAuthHashAndRefuseWhenAlreadyOn()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        using var wrong = await client.PostAsJsonAsync("/api/v1/auth/mfa/totp", new { authHash = Convert.ToBase64String(new byte[32]) });
        await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        Assert.That(await TestDatabase.CountAsync("auth.totp_authenticators"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("encryption.encrypted_fields"), Is.Zero);

        await TestMfa.EnableAsync(alice);
        using var again = await client.PostAsJsonAsync("/api/v1/auth/mfa/totp", new { authHash = alice.Account.AuthHashBase64 });
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "auth.mfa_already_enabled");
    }

    [Test]
    public async Task LoginWithMfaOnShouldReleaseNothingBeforeTheSecondStep()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        var sessionsBefore = await TestDatabase.CountAsync("auth.sessions");
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(mfa.Account, Guid.NewGuid()));

        var body = await response.Content.ReadAsStringAsync();
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.mfa_required");
        Assert.That(problem.GetProperty("details").GetProperty("mfaTicket").GetString(), Has.Length.EqualTo(43));
        foreach (var secretField in new[] { "encryptedUserKey", "encryptedPrivateKeys", "kdfSalt" })
            Assert.That(body, Does.Not.Contain(mfa.Account.RegisterBody[secretField]!.GetValue<string>()));
        Assert.That(body, Does.Not.Contain("accessToken").And.Not.Contain("refreshToken"));
        Assert.That(await TestDatabase.CountAsync("auth.sessions"), Is.EqualTo(sessionsBefore));
    }

    [Test]
    public async Task TheSecondStepShouldReturnWhatLoginReturnsAndRefuseTheSameCodeAgain()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        var device = Guid.NewGuid();
        var code = mfa.CodeAt(mfa.ConfirmedStep + 1);

        using var completed = await TestMfa.CompleteAsync(await TestMfa.TicketAsync(mfa.Account, device), device, code);

        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await completed.Content.ReadAsStringAsync());
        var body = await completed.ReadJsonAsync();
        var plain = await TestAccounts.LoginAsync(await TestAccounts.RegisterAsync("bob"));
        Assert.That(body.EnumerateObject().Select(p => p.Name).Order(), Is.EqualTo(plain.Body.EnumerateObject().Select(p => p.Name).Order()));
        Assert.That(body.GetProperty("account").GetProperty("encryptedUserKey").GetString(),
            Is.EqualTo(mfa.Account.RegisterBody["encryptedUserKey"]!.GetValue<string>()));
        using (var session = TestApp.CreateClient(body.GetProperty("accessToken").GetString()))
            Assert.That((await session.GetAsync("/api/v1/auth/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var sessions = await TestDatabase.CountAsync("auth.sessions");
        using var replay = await TestMfa.CompleteAsync(await TestMfa.TicketAsync(mfa.Account, device), device, code);
        await replay.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        Assert.That(await TestDatabase.CountAsync("auth.sessions"), Is.EqualTo(sessions));
    }

    [Test]
    public async Task TheConfirmationCodeShouldNotLogIn()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        var device = Guid.NewGuid();

        using var replay = await TestMfa.CompleteAsync(await TestMfa.TicketAsync(mfa.Account, device), device, mfa.CodeAt(mfa.ConfirmedStep));

        await replay.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
    }

    [Test]
    public async Task CodesMoreThanOneStepAwayShouldBeRefused()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        var device = Guid.NewGuid();
        var ticket = await TestMfa.TicketAsync(mfa.Account, device);

        using var tooNew = await TestMfa.CompleteAsync(ticket, device, mfa.CodeAt(TestMfa.CurrentStep + 3));
        await tooNew.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        using var tooOld = await TestMfa.CompleteAsync(ticket, device, mfa.CodeAt(TestMfa.CurrentStep - 3));
        await tooOld.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        using var nextStep = await TestMfa.CompleteAsync(ticket, device, mfa.CodeAt(mfa.ConfirmedStep + 1));
        Assert.That(nextStep.StatusCode, Is.EqualTo(HttpStatusCode.OK), await nextStep.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ATicketShouldWorkOnceAndOnlyForItsDevice()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        var device = Guid.NewGuid();
        var ticket = await TestMfa.TicketAsync(mfa.Account, device);

        using var otherDevice = await TestMfa.CompleteAsync(ticket, Guid.NewGuid(), recoveryCode: mfa.RecoveryCodes[0]);
        await otherDevice.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.mfa_ticket_invalid");
        using var first = await TestMfa.CompleteAsync(ticket, device, recoveryCode: mfa.RecoveryCodes[0]);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        using var second = await TestMfa.CompleteAsync(ticket, device, recoveryCode: mfa.RecoveryCodes[1]);
        await second.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.mfa_ticket_invalid");
        using var forged = await TestMfa.CompleteAsync("A" + ticket[1..], device, recoveryCode: mfa.RecoveryCodes[1]);
        await forged.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.mfa_ticket_invalid");
        Assert.That((await StatusAsync(mfa.Login)).GetProperty("recoveryCodesRemaining").GetInt32(), Is.EqualTo(9));
        await TestMfa.TicketAsync(mfa.Account, device);
        Assert.That(await TestDatabase.CountAsync("auth.mfa_tickets"), Is.EqualTo(1), "a new ticket clears the account's used ones");
    }

    [Test]
    public async Task ATicketShouldExpire()
    {
        await using var shortTickets = new ApiFactory(new Dictionary<string, string?> { ["Auth:MfaTicketLifetime"] = "00:00:01" });
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        var device = Guid.NewGuid();
        using var client = shortTickets.CreateClient();
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(mfa.Account, device));
        var ticket = (await login.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.mfa_required")).GetProperty("details").GetProperty("mfaTicket").GetString()!;

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var late = await client.PostAsJsonAsync("/api/v1/auth/login/mfa", new { ticket, deviceId = device, recoveryCode = mfa.RecoveryCodes[0] });

        await late.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.mfa_ticket_invalid");
        Assert.That((await StatusAsync(mfa.Login)).GetProperty("recoveryCodesRemaining").GetInt32(), Is.EqualTo(10));
    }

    [Test]
    public async Task ARecoveryCodeShouldLogInOnceAndSayHowManyRemain()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        var device = Guid.NewGuid();

        using var used = await TestMfa.CompleteAsync(await TestMfa.TicketAsync(mfa.Account, device), device, recoveryCode: mfa.RecoveryCodes[3].ToUpperInvariant());
        Assert.That(used.StatusCode, Is.EqualTo(HttpStatusCode.OK), await used.Content.ReadAsStringAsync());
        Assert.That((await used.ReadJsonAsync()).GetProperty("recoveryCodesRemaining").GetInt32(), Is.EqualTo(9));

        using var again = await TestMfa.CompleteAsync(await TestMfa.TicketAsync(mfa.Account, device), device, recoveryCode: mfa.RecoveryCodes[3]);
        await again.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        var events = await EventTypesAsync(mfa.Login);
        Assert.That(events, Does.Contain("recovery_code_used").And.Contain("login_with_mfa"));
    }

    [Test]
    public async Task RegeneratingShouldInvalidateTheOldCodes()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        using var client = TestApp.CreateClient(mfa.Login.AccessToken);

        using var withoutCode = await client.PostAsJsonAsync("/api/v1/auth/mfa/recovery-codes", new { authHash = mfa.Account.AuthHashBase64, code = mfa.CodeAt(mfa.ConfirmedStep) });
        await withoutCode.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        using var regenerated = await client.PostAsJsonAsync("/api/v1/auth/mfa/recovery-codes", new { authHash = mfa.Account.AuthHashBase64, code = mfa.CodeAt(mfa.ConfirmedStep + 1) });
        Assert.That(regenerated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await regenerated.Content.ReadAsStringAsync());
        var fresh = (await regenerated.ReadJsonAsync()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();

        var device = Guid.NewGuid();
        using var old = await TestMfa.CompleteAsync(await TestMfa.TicketAsync(mfa.Account, device), device, recoveryCode: mfa.RecoveryCodes[0]);
        await old.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        using var current = await TestMfa.CompleteAsync(await TestMfa.TicketAsync(mfa.Account, device), device, recoveryCode: fresh[0]);
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK), await current.Content.ReadAsStringAsync());
        Assert.That(await EventTypesAsync(mfa.Login), Does.Contain("recovery_codes_regenerated"));
    }

    [Test]
    public async Task DisablingShouldNeedTheAuthHashAndASecondFactor()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        using var client = TestApp.CreateClient(mfa.Login.AccessToken);

        using var wrongPassword = await client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { authHash = Convert.ToBase64String(new byte[32]), recoveryCode = mfa.RecoveryCodes[0] });
        await wrongPassword.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        using var wrongCode = await client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { authHash = mfa.Account.AuthHashBase64, recoveryCode = "aaaaa-aaaaa" });
        await wrongCode.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        Assert.That((await StatusAsync(mfa.Login)).GetProperty("enabled").GetBoolean(), Is.True);

        using var disabled = await client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { authHash = mfa.Account.AuthHashBase64, code = mfa.CodeAt(mfa.ConfirmedStep + 1) });

        Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await disabled.Content.ReadAsStringAsync());
        Assert.That((await StatusAsync(mfa.Login)).GetProperty("enabled").GetBoolean(), Is.False);
        Assert.That(await TestDatabase.CountAsync("auth.recovery_codes"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("encryption.encrypted_fields"), Is.Zero);
        Assert.That(await EventTypesAsync(mfa.Login), Does.Contain("mfa_disabled"));
        await TestAccounts.LoginAsync(mfa.Account);
    }

    [Test]
    public async Task NoSecretShouldBeInTheDatabaseOrTheLogsInClear()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var enrolment = await TestMfa.EnrolAsync(alice);
        var mfa = await TestMfa.EnableAsync(alice);
        var device = Guid.NewGuid();
        using (var login = await TestMfa.CompleteAsync(await TestMfa.TicketAsync(mfa.Account, device), device, mfa.CodeAt(mfa.ConfirmedStep + 1)))
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var dump = await TestDatabase.DumpAsync();
        var logs = TestApp.Factory.Logs.All;
        Assert.That(await TestDatabase.CountAsync("encryption.encrypted_fields"), Is.EqualTo(1));
        var secrets = new List<string>
        {
            Base32Encoding.ToString(mfa.Secret).TrimEnd('='),
            Convert.ToHexStringLower(mfa.Secret),
            Convert.ToBase64String(mfa.Secret),
            enrolment.GetProperty("secret").GetString()!,
        };
        secrets.AddRange(mfa.RecoveryCodes);
        secrets.AddRange(mfa.RecoveryCodes.Select(c => c.Replace("-", "", StringComparison.Ordinal)));
        foreach (var secret in secrets)
        {
            Assert.That(dump, Does.Not.Contain(secret), "the database dump");
            Assert.That(logs, Does.Not.Contain(secret), "the logs");
        }
    }

    [Test]
    public async Task EveryMfaEndpointShouldNeedASession()
    {
        using var anonymous = TestApp.CreateClient();
        var requests = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Get, "/api/v1/auth/mfa"),
            (HttpMethod.Post, "/api/v1/auth/mfa/totp"),
            (HttpMethod.Post, "/api/v1/auth/mfa/totp/confirm"),
            (HttpMethod.Post, "/api/v1/auth/mfa/disable"),
            (HttpMethod.Post, "/api/v1/auth/mfa/recovery-codes"),
            (HttpMethod.Get, "/api/v1/auth/security-events"),
        };
        foreach (var (method, path) in requests)
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post) request.Content = JsonContent.Create(new { code = "123456", authHash = Convert.ToBase64String(new byte[32]) });
            using var response = await anonymous.SendAsync(request);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        }
    }

    [Test]
    public async Task AnotherUserShouldNeitherSeeNorChangeSomeoneElsesMfa()
    {
        var alice = await TestMfa.RegisterWithMfaAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        using var client = TestApp.CreateClient(bob.AccessToken);

        Assert.That((await StatusAsync(bob)).GetProperty("enabled").GetBoolean(), Is.False);
        using var disable = await client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { authHash = bob.Account.AuthHashBase64, recoveryCode = alice.RecoveryCodes[0] });
        await disable.AssertProblemAsync(HttpStatusCode.Conflict, "auth.mfa_not_enabled");
        using var aliceHash = await client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { authHash = alice.Account.AuthHashBase64, recoveryCode = alice.RecoveryCodes[0] });
        await aliceHash.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        using var regenerate = await client.PostAsJsonAsync("/api/v1/auth/mfa/recovery-codes", new { authHash = bob.Account.AuthHashBase64, code = alice.CodeAt(alice.ConfirmedStep + 1) });
        await regenerate.AssertProblemAsync(HttpStatusCode.Conflict, "auth.mfa_not_enabled");
        using var confirm = await client.PostAsJsonAsync("/api/v1/auth/mfa/totp/confirm", new { code = alice.CodeAt(alice.ConfirmedStep + 1) });
        await confirm.AssertProblemAsync(HttpStatusCode.Conflict, "auth.mfa_enrolment_not_started");

        var aliceStatus = await StatusAsync(alice.Login);
        Assert.That(aliceStatus.GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(aliceStatus.GetProperty("recoveryCodesRemaining").GetInt32(), Is.EqualTo(10));
        Assert.That(await EventTypesAsync(bob), Is.EqualTo(new[] { "login" }));
    }

    [TestCase("{\"ticket\":\"abc\\u0000def\",\"deviceId\":\"7d1c7a43-3f43-4c4b-9d6b-6a8a4c6c0d11\",\"code\":\"123456\"}", "ticket")]
    [TestCase("{\"ticket\":\"abc\",\"deviceId\":\"7d1c7a43-3f43-4c4b-9d6b-6a8a4c6c0d11\",\"code\":\"12345\\u0007\"}", "code")]
    [TestCase("{\"ticket\":\"abc\",\"deviceId\":\"7d1c7a43-3f43-4c4b-9d6b-6a8a4c6c0d11\",\"code\":\"123456\",\"recoveryCode\":\"aaaaa-aaaaa\"}", "code")]
    [TestCase("{\"ticket\":\"abc\",\"deviceId\":\"7d1c7a43-3f43-4c4b-9d6b-6a8a4c6c0d11\"}", "code")]
    [TestCase("{\"ticket\":\"abc\",\"deviceId\":\"00000000-0000-0000-0000-000000000000\",\"code\":\"123456\"}", "deviceId")]
    [TestCase("{\"ticket\":\"abc\",\"deviceId\":\"7d1c7a43-3f43-4c4b-9d6b-6a8a4c6c0d11\",\"recoveryCode\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", "recoveryCode")]
    public async Task TheSecondStepShouldRefuseMalformedInput(string json, string field)
    {
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsync("/api/v1/auth/login/mfa", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.EqualTo(field).IgnoreCase);
    }

    [TestCase("{\"ticket\":\"abc\",\"deviceId\":\"not-a-guid\",\"code\":\"123456\"}")]
    [TestCase("{\"ticket\":")]
    public async Task TheSecondStepShouldRefuseUnreadableBodies(string json)
    {
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsync("/api/v1/auth/login/mfa", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Test]
    public async Task MfaEndpointsShouldRefuseBadInputAndChangeNothing()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        using var client = TestApp.CreateClient(mfa.Login.AccessToken);
        var before = await DataAsync();
        var cases = new (string Path, object Body)[]
        {
            ("/api/v1/auth/mfa/totp", new { authHash = "not base64\u0001" }),
            ("/api/v1/auth/mfa/totp/confirm", new { code = "12\u00003456" }),
            ("/api/v1/auth/mfa/totp/confirm", new { code = new string('9', 5000) }),
            ("/api/v1/auth/mfa/disable", new { authHash = mfa.Account.AuthHashBase64 }),
            ("/api/v1/auth/mfa/disable", new { authHash = mfa.Account.AuthHashBase64, recoveryCode = "aaaaa\naaaaa" }),
            ("/api/v1/auth/mfa/recovery-codes", new { authHash = Convert.ToBase64String(new byte[33]), code = "123456" }),
        };
        foreach (var (path, body) in cases)
        {
            using var response = await client.PostAsJsonAsync(path, body);
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        }

        using var huge = await client.PostAsync("/api/v1/auth/mfa/totp/confirm",
            new StringContent("{\"code\":\"" + new string('1', 40_000) + "\"}", Encoding.UTF8, "application/json"));
        await huge.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        using var badCursor = await client.GetAsync("/api/v1/auth/security-events?cursor=nope");
        await badCursor.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        using var badLimit = await client.GetAsync("/api/v1/auth/security-events?limit=100000");
        await badLimit.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(await DataAsync(), Is.EqualTo(before));
    }

    /// <summary>Every row of the database (pg_dump's per-run \restrict token left out).</summary>
    internal static async Task<string> DataAsync() =>
        string.Join('\n', (await TestDatabase.DumpAsync()).Split('\n').Where(l => !l.StartsWith("\\restrict", StringComparison.Ordinal) && !l.StartsWith("\\unrestrict", StringComparison.Ordinal)));

    internal static async Task<System.Text.Json.JsonElement> StatusAsync(LoggedIn login)
    {
        using var client = TestApp.CreateClient(login.AccessToken);
        using var response = await client.GetAsync("/api/v1/auth/mfa");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    internal static async Task<List<string>> EventTypesAsync(LoggedIn login)
    {
        using var client = TestApp.CreateClient(login.AccessToken);
        var page = await client.GetFromJsonAsync<JsonObject>("/api/v1/auth/security-events");
        return page!["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
    }
}
