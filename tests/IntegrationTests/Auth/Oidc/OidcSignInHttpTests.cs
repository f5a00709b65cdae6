using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using PasswordManager.IntegrationTests.Auth.Mfa;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Oidc;

/// <summary>The authorization code flow against a real OpenID Provider, and the attacks the server must refuse.</summary>
public sealed class OidcSignInHttpTests : TestBase
{
    [Test]
    public async Task ShouldAnswerAnUnlinkedIdentityWithATicketAndCreateNothing()
    {
        using var response = await TestOidc.SignInAsync(TestOidc.UniqueAccount("newcomer"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_identity_not_linked");
        Assert.That(problem.GetProperty("details").GetProperty("identityTicket").GetString(), Is.Not.Empty);
        Assert.That(problem.GetProperty("details").GetProperty("email").GetString(), Does.EndWith("@idp.test"));
        await AssertNothingCreatedAsync();
    }

    [Test]
    public async Task ShouldRegisterWithTheIdentityTicketAndThenSignInWithTheProvider()
    {
        var idpAccount = TestOidc.UniqueAccount("register");
        var ticket = await TestOidc.IdentityTicketAsync(idpAccount);
        var account = TestAccount.Create("oidc-registered");
        account.RegisterBody["oidcIdentityTicket"] = ticket;
        using (var client = TestApp.CreateClient())
        using (var registered = await client.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody))
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());

        using var signedIn = await TestOidc.SignInAsync(idpAccount);

        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signedIn.Content.ReadAsStringAsync());
        var body = await signedIn.ReadJsonAsync();
        Assert.That(body.GetProperty("account").GetProperty("userId").GetGuid(), Is.EqualTo(account.UserId));
        Assert.That(body.GetProperty("account").GetProperty("encryptedUserKey").GetString(), Is.Not.Empty, "the wrapped keys, opened only by the master password");
        Assert.That(await TestDatabase.CountAsync("auth.oidc_identities"), Is.EqualTo(1));
        var second = TestAccount.Create("second");
        second.RegisterBody["oidcIdentityTicket"] = ticket;
        using var anonymous = TestApp.CreateClient();
        using var reused = await anonymous.PostAsJsonAsync("/api/v1/auth/register", second.RegisterBody);
        await reused.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_identity_ticket_invalid");
    }

    [Test]
    public async Task ShouldRefuseAnUnknownState()
    {
        var started = await TestOidc.StartAsync();
        var callback = await TestOidc.AuthorizeAsync(started, TestOidc.UniqueAccount("state"));

        using var forged = await TestOidc.CompleteAsync(started, TestOidc.CodeOf(callback), state: "forged-state-value");

        await forged.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_invalid");
        await AssertNothingCreatedAsync();
    }

    [Test]
    public async Task ShouldRefuseAReplayedCodeAndASpentState()
    {
        var account = TestOidc.UniqueAccount("replay");
        var started = await TestOidc.StartAsync();
        var code = TestOidc.CodeOf(await TestOidc.AuthorizeAsync(started, account));
        using (var first = await TestOidc.CompleteAsync(started, code))
            await first.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_identity_not_linked");

        using var sameState = await TestOidc.CompleteAsync(started, code);
        var another = await TestOidc.StartAsync();
        using var newState = await TestOidc.CompleteAsync(another, code);

        await sameState.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_invalid");
        await newState.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_invalid");
        Assert.That(await TestDatabase.CountAsync("auth.oidc_sign_ins WHERE identity_ticket_hash IS NOT NULL"), Is.EqualTo(1), "only the first exchange vouched for anyone");
    }

    [Test]
    public async Task ShouldRefuseAnotherDevicesVerifierAndSpendTheState()
    {
        var started = await TestOidc.StartAsync();
        var code = TestOidc.CodeOf(await TestOidc.AuthorizeAsync(started, TestOidc.UniqueAccount("device")));

        using var elsewhere = await TestOidc.CompleteAsync(started, code, verifier: TestOidc.NewVerifier());
        using var owner = await TestOidc.CompleteAsync(started, code);

        await elsewhere.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_invalid");
        await owner.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_invalid");
        await AssertNothingCreatedAsync();
    }

    [Test]
    public async Task ShouldAcceptAWellFormedTokenFromTheRogueIssuerSoTheAttacksBelowTestOneCheckEach()
    {
        var started = await TestOidc.StartAsync(TestOidc.RogueProvider);
        RogueIssuer.Shared.AnswerNextExchangeWith(RogueIssuer.Shared.Token(started.Nonce));

        using var response = await TestOidc.CompleteAsync(started, "any-code");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_identity_not_linked");
    }

    [TestCase("wrong nonce")]
    [TestCase("another audience")]
    [TestCase("another key")]
    [TestCase("expired")]
    [TestCase("another issuer")]
    public async Task ShouldRefuseAForgedIdToken(string attack)
    {
        var started = await TestOidc.StartAsync(TestOidc.RogueProvider);
        var rogue = RogueIssuer.Shared;
        rogue.AnswerNextExchangeWith(attack switch
        {
            "wrong nonce" => rogue.Token("another-nonce"),
            "another audience" => rogue.Token(started.Nonce, audience: "someone-else"),
            "another key" => rogue.Token(started.Nonce, key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = rogue.SigningKey.KeyId }),
            "expired" => rogue.Token(started.Nonce, expires: DateTimeOffset.UtcNow.AddMinutes(-5)),
            _ => rogue.Token(started.Nonce, issuer: TestOidc.Issuer),
        });

        using var response = await TestOidc.CompleteAsync(started, "any-code");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_invalid");
        await AssertNothingCreatedAsync();
    }

    [Test]
    public async Task ShouldRelayAFormPostAnswerToTheDevicesLoopbackAddress()
    {
        var started = await TestOidc.StartAsync(TestOidc.RelayProvider);
        Assert.That(StartedOidc.QueryValue(started.AuthorizationUrl, "response_mode"), Is.EqualTo("form_post"));
        Assert.That(StartedOidc.QueryValue(started.AuthorizationUrl, "redirect_uri"), Does.EndWith("/api/v1/auth/oidc/callback"));
        var form = await TestOidc.AuthorizeByFormPostAsync(started, TestOidc.UniqueAccount("apple"));

        using var client = TestApp.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var relayed = await client.PostAsync("/api/v1/auth/oidc/callback", new FormUrlEncodedContent(form));
        using var unknown = await client.PostAsync("/api/v1/auth/oidc/callback", new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = "unknown", ["code"] = "x" }));

        Assert.That(relayed.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), await relayed.Content.ReadAsStringAsync());
        var location = relayed.Headers.Location!;
        Assert.That(location.AbsoluteUri, Does.StartWith(started.RedirectUri + "?"));
        Assert.That(StartedOidc.QueryValue(location, "state"), Is.EqualTo(started.State));
        using var completed = await TestOidc.CompleteAsync(started, StartedOidc.QueryValue(location, "code"));
        await completed.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_identity_not_linked");
        await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_invalid");
        Assert.That(unknown.Headers.Location, Is.Null, "no redirect for a state the server did not issue");
    }

    [Test]
    public async Task ShouldAskForTheSecondFactorAfterTheProviderWhenMfaIsOn()
    {
        var idpAccount = TestOidc.UniqueAccount("mfa");
        var mfa = await TestMfa.RegisterWithMfaAsync("oidc-mfa");
        using (await LinkAsync(mfa.Login, await TestOidc.IdentityTicketAsync(idpAccount), recoveryCode: mfa.RecoveryCodes[0])) { }
        var device = Guid.NewGuid();

        using var challenged = await TestOidc.SignInAsync(idpAccount, device);

        var problem = await challenged.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.mfa_required");
        var ticket = problem.GetProperty("details").GetProperty("mfaTicket").GetString()!;
        using var completed = await TestMfa.CompleteAsync(ticket, device, code: mfa.CodeAt(mfa.ConfirmedStep + 1));
        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await completed.Content.ReadAsStringAsync());
        Assert.That((await completed.ReadJsonAsync()).GetProperty("account").GetProperty("userId").GetGuid(), Is.EqualTo(mfa.Account.UserId));
    }

    [Test]
    public async Task ShouldRefuseUnknownProvidersAndNonLoopbackRedirects()
    {
        using var client = TestApp.CreateClient();
        var device = new { id = Guid.NewGuid(), name = "d", type = "cli" };
        var challenge = TestOidc.ChallengeOf(TestOidc.NewVerifier());

        using var unknown = await client.PostAsJsonAsync(TestOidc.StartPath, new { provider = "nobody", redirectUri = "http://127.0.0.1:5000/cb", verifierChallenge = challenge, device });
        using var remote = await client.PostAsJsonAsync(TestOidc.StartPath, new { provider = "test", redirectUri = "https://evil.example/cb", verifierChallenge = challenge, device });
        using var noPort = await client.PostAsJsonAsync(TestOidc.StartPath, new { provider = "test", redirectUri = "http://127.0.0.1/cb", verifierChallenge = challenge, device });
        using var badChallenge = await client.PostAsJsonAsync(TestOidc.StartPath, new { provider = "test", redirectUri = "http://127.0.0.1:5000/cb", verifierChallenge = "short", device });
        using var byIssuer = await client.PostAsJsonAsync(TestOidc.StartPath, new { provider = TestOidc.Issuer, redirectUri = "http://127.0.0.1:5000/cb", verifierChallenge = challenge, device });
        using var providers = await client.GetAsync("/api/v1/auth/oidc/providers");

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "auth.oidc_provider_unknown");
        Assert.That(remote.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(noPort.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(badChallenge.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(byIssuer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await byIssuer.Content.ReadAsStringAsync());
        Assert.That((await providers.ReadJsonAsync()).EnumerateArray().Select(p => p.GetProperty("name").GetString()), Is.SupersetOf(new[] { "relay", "rogue", "test" }));
        Assert.That(await TestDatabase.CountAsync("auth.oidc_sign_ins"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldRefuseMalformedCompletions()
    {
        using var client = TestApp.CreateClient();

        using var control = await client.PostAsJsonAsync(TestOidc.CompletePath, new { state = "s", code = "a\u0001b", verifier = TestOidc.NewVerifier() });
        using var huge = await client.PostAsJsonAsync(TestOidc.CompletePath, new { state = new string('s', 5000), code = "c", verifier = TestOidc.NewVerifier() });
        using var shortVerifier = await client.PostAsJsonAsync(TestOidc.CompletePath, new { state = "s", code = "c", verifier = "x" });

        Assert.That(control.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(shortVerifier.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    internal static async Task<HttpResponseMessage> LinkAsync(
        LoggedIn login, string ticket, string? authHash = null, string? recoveryCode = null, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var client = TestApp.CreateClient(login.AccessToken);
        var response = await client.PostAsJsonAsync(
            "/api/v1/auth/oidc/link", new { identityTicket = ticket, authHash = authHash ?? login.Account.AuthHashBase64, recoveryCode });
        if (expected == HttpStatusCode.Created)
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return response;
    }

    private static async Task AssertNothingCreatedAsync()
    {
        Assert.That(await TestDatabase.CountAsync("auth.oidc_identities"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("auth.users"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("auth.sessions"), Is.Zero);
    }
}
