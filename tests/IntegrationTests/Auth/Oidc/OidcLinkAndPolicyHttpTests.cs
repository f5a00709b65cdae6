using System.Net;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Auth.Mfa;
using PasswordManager.IntegrationTests.Billing;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Oidc;

/// <summary>Linking an identity to an existing account (only with its authHash), and the tenant's sign-in policy.</summary>
public sealed class OidcLinkAndPolicyHttpTests : TestBase
{
    private const string LinkPath = "/api/v1/auth/oidc/link";
    private const string IdentitiesPath = "/api/v1/auth/oidc/identities";

    [Test]
    public async Task ShouldLinkOnlyWithTheAccountsAuthHashAndThenSignInAsThatAccount()
    {
        var idpAccount = TestOidc.UniqueAccount("link");
        var owner = await TestAccounts.RegisterAndLoginAsync("link-owner");
        var ticket = await TestOidc.IdentityTicketAsync(idpAccount);

        using (var wrong = await OidcSignInHttpTests.LinkAsync(owner, ticket, authHash: TestAccount.Create("x").AuthHashBase64, expected: HttpStatusCode.Forbidden))
            await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        Assert.That(await TestDatabase.CountAsync("auth.oidc_identities"), Is.Zero);
        using (await OidcSignInHttpTests.LinkAsync(owner, ticket)) { }
        using var signedIn = await TestOidc.SignInAsync(idpAccount);

        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signedIn.Content.ReadAsStringAsync());
        Assert.That((await signedIn.ReadJsonAsync()).GetProperty("account").GetProperty("userId").GetGuid(), Is.EqualTo(owner.Account.UserId));
        using var client = TestApp.CreateClient(owner.AccessToken);
        var listed = (await (await client.GetAsync(IdentitiesPath)).ReadJsonAsync()).GetProperty("items");
        Assert.That(listed.GetArrayLength(), Is.EqualTo(1));
        Assert.That(listed[0].GetProperty("issuer").GetString(), Is.EqualTo(TestOidc.Issuer));
        Assert.That(listed[0].GetProperty("subject").GetString(), Is.EqualTo(idpAccount));
    }

    [Test]
    public async Task ShouldNeverLinkByMatchingEmail()
    {
        var idpAccount = TestOidc.UniqueAccount("same-mail");
        var account = TestAccount.Create("mail-match");
        account.RegisterBody["email"] = $"{idpAccount}@idp.test";
        using (var client = TestApp.CreateClient())
        using (var registered = await client.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody))
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var response = await TestOidc.SignInAsync(idpAccount);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_identity_not_linked");
        Assert.That(await TestDatabase.CountAsync("auth.oidc_identities"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("auth.sessions"), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseLinkingAnIdentityTwiceAndATicketTwice()
    {
        var idpAccount = TestOidc.UniqueAccount("twice");
        var first = await TestAccounts.RegisterAndLoginAsync("first-owner");
        var second = await TestAccounts.RegisterAndLoginAsync("second-owner");
        var ticket = await TestOidc.IdentityTicketAsync(idpAccount);
        var secondTicket = await TestOidc.IdentityTicketAsync(idpAccount);
        using (await OidcSignInHttpTests.LinkAsync(first, ticket)) { }

        using var spent = await OidcSignInHttpTests.LinkAsync(second, ticket, expected: HttpStatusCode.Unauthorized);
        using var taken = await OidcSignInHttpTests.LinkAsync(second, secondTicket, expected: HttpStatusCode.Conflict);

        await spent.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_identity_ticket_invalid");
        await taken.AssertProblemAsync(HttpStatusCode.Conflict, "auth.oidc_identity_already_linked");
        Assert.That(await TestDatabase.CountAsync("auth.oidc_identities"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldKeepIdentitiesToTheirOwner()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("identity-owner");
        var other = await TestAccounts.RegisterAndLoginAsync("identity-other");
        using var linked = await OidcSignInHttpTests.LinkAsync(owner, await TestOidc.IdentityTicketAsync(TestOidc.UniqueAccount("own")));
        var identityId = (await linked.ReadJsonAsync()).GetProperty("id").GetGuid();
        using var anonymous = TestApp.CreateClient();
        using var otherClient = TestApp.CreateClient(other.AccessToken);
        var key = await TestApiKeys.CreateAsync(owner, "export");
        using var keyClient = TestApiKeys.Client(key);

        using var anonymousLink = await anonymous.PostAsJsonAsync(LinkPath, new { identityTicket = "t", authHash = owner.Account.AuthHashBase64 });
        using var anonymousList = await anonymous.GetAsync(IdentitiesPath);
        using var otherList = await otherClient.GetAsync(IdentitiesPath);
        using var otherUnlink = await otherClient.DeleteAsync($"{IdentitiesPath}/{identityId}");
        using var keyList = await keyClient.GetAsync(IdentitiesPath);
        using var keyUnlink = await keyClient.DeleteAsync($"{IdentitiesPath}/{identityId}");
        using var malformed = await otherClient.DeleteAsync($"{IdentitiesPath}/not-a-guid");

        Assert.That(anonymousLink.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(anonymousList.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await otherList.ReadJsonAsync()).GetProperty("items").GetArrayLength(), Is.Zero);
        await otherUnlink.AssertProblemAsync(HttpStatusCode.NotFound, "auth.oidc_identity_not_found");
        Assert.That(keyList.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
        Assert.That(keyUnlink.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await TestDatabase.CountAsync("auth.oidc_identities"), Is.EqualTo(1));

        using var ownerClient = TestApp.CreateClient(owner.AccessToken);
        using var unlinked = await ownerClient.DeleteAsync($"{IdentitiesPath}/{identityId}");
        Assert.That(unlinked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await TestDatabase.CountAsync("auth.oidc_identities"), Is.Zero);
    }

    [Test]
    public async Task ShouldRefuseBadLinkInput()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("bad-input");
        using var client = TestApp.CreateClient(owner.AccessToken);

        using var control = await client.PostAsJsonAsync(LinkPath, new { identityTicket = "a\u0000b", authHash = owner.Account.AuthHashBase64 });
        using var huge = await client.PostAsJsonAsync(LinkPath, new { identityTicket = new string('t', 4000), authHash = owner.Account.AuthHashBase64 });
        using var badHash = await client.PostAsJsonAsync(LinkPath, new { identityTicket = "t", authHash = "not base64!" });
        using var unknownTicket = await client.PostAsJsonAsync(LinkPath, new { identityTicket = "unknown", authHash = owner.Account.AuthHashBase64 });

        Assert.That(control.StatusCode, Is.AnyOf(HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized));
        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(badHash.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await unknownTicket.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.oidc_identity_ticket_invalid");
        Assert.That(await TestDatabase.CountAsync("auth.oidc_identities"), Is.Zero);
    }

    [Test]
    public async Task ShouldEnforceTheTenantsSignInMethods()
    {
        var admin = await TestBilling.InstanceAdminAsync();
        var idpAccount = TestOidc.UniqueAccount("policy");
        var owner = await TestAccounts.RegisterAndLoginAsync("policy-owner");
        using (await OidcSignInHttpTests.LinkAsync(owner, await TestOidc.IdentityTicketAsync(idpAccount))) { }

        await TestBilling.OverrideAsync(admin, TestBilling.DefaultTenant, "oidc", "false");
        using (var refused = await TestOidc.SignInAsync(idpAccount))
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.sign_in_method_not_allowed");
            Assert.That(problem.GetProperty("details").GetProperty("method").GetString(), Is.EqualTo("oidc"));
        }

        using (var linkRefused = await OidcSignInHttpTests.LinkAsync(owner, await TestOidc.IdentityTicketAsync(TestOidc.UniqueAccount("other")), expected: HttpStatusCode.Forbidden))
            await linkRefused.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.sign_in_method_not_allowed");

        await TestBilling.OverrideAsync(admin, TestBilling.DefaultTenant, "oidc", "true");
        await TestBilling.OverrideAsync(admin, TestBilling.DefaultTenant, "password_login", "false");
        using (var client = TestApp.CreateClient())
        using (var password = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(owner.Account)))
            await password.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.sign_in_method_not_allowed");
        using (var allowed = await TestOidc.SignInAsync(idpAccount))
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await allowed.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ShouldRequireASecondFactorWhereTheTenantMakesItMandatory()
    {
        var admin = await TestBilling.InstanceAdminAsync();
        var idpAccount = TestOidc.UniqueAccount("mandatory");
        var owner = await TestAccounts.RegisterAndLoginAsync("mfa-mandatory");
        using (await OidcSignInHttpTests.LinkAsync(owner, await TestOidc.IdentityTicketAsync(idpAccount))) { }
        var sessionsBefore = await TestDatabase.CountAsync("auth.sessions");

        await TestBilling.OverrideAsync(admin, TestBilling.DefaultTenant, "mfa_required", "true");
        using var oidc = await TestOidc.SignInAsync(idpAccount);
        using var client = TestApp.CreateClient();
        using var password = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(owner.Account));

        await oidc.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_enrolment_required");
        await password.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_enrolment_required");
        Assert.That(await TestDatabase.CountAsync("auth.sessions"), Is.EqualTo(sessionsBefore));
    }

    [Test]
    public async Task ShouldNotLetAMemberTurnOffASecondFactorTheTenantRequires()
    {
        var admin = await TestBilling.InstanceAdminAsync();
        var mfa = await TestMfa.RegisterWithMfaAsync("mfa-kept");
        await TestBilling.OverrideAsync(admin, TestBilling.DefaultTenant, "mfa_required", "true");
        using var client = TestApp.CreateClient(mfa.Login.AccessToken);

        using var refused = await client.PostAsJsonAsync("/api/v1/auth/mfa/disable", new { authHash = mfa.Account.AuthHashBase64, code = mfa.CodeAt(mfa.ConfirmedStep + 1) });

        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "auth.mfa_required_by_policy");
        Assert.That(await TestDatabase.CountAsync("auth.recovery_codes"), Is.EqualTo(mfa.RecoveryCodes.Count));
        await TestMfa.TicketAsync(mfa.Account, Guid.NewGuid());
    }
}
