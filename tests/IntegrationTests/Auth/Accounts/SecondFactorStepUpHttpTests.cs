using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PasswordManager.IntegrationTests.Auth.Mfa;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Accounts;

/// <summary>With MFA on, a password change and an account deletion need the second factor as well as the authHash.</summary>
public sealed class SecondFactorStepUpHttpTests : TestBase
{
    private const string PasswordPath = "/api/v1/auth/account/password";

    [Test]
    public async Task ShouldChangeTheMasterPasswordOnlyWithASecondFactorWhenMfaIsOn()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        using var client = TestApp.CreateClient(mfa.Login.AccessToken);

        using var missing = await client.PostAsJsonAsync(PasswordPath, ChangeMasterPasswordHttpTests.ChangeBody(mfa.Account).Body);
        await missing.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_required");
        using var wrong = await client.PostAsJsonAsync(PasswordPath, WithFactor(ChangeMasterPasswordHttpTests.ChangeBody(mfa.Account).Body, code: "000000"));
        await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        using var both = await client.PostAsJsonAsync(
            PasswordPath, WithFactor(ChangeMasterPasswordHttpTests.ChangeBody(mfa.Account).Body, code: "123456", recoveryCode: mfa.RecoveryCodes[0]));
        await both.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");

        // The refusals changed nothing: the old authHash is still the current one.
        using var changed = await client.PostAsJsonAsync(
            PasswordPath, WithFactor(ChangeMasterPasswordHttpTests.ChangeBody(mfa.Account).Body, code: mfa.CodeAt(mfa.ConfirmedStep + 1)));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
        Assert.That(await MfaHttpTests.EventTypesAsync(mfa.Login), Does.Contain("password_changed"));
    }

    [Test]
    public async Task ShouldAcceptARecoveryCodeOnceAndRecordItsUse()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        using var client = TestApp.CreateClient(mfa.Login.AccessToken);
        var first = ChangeMasterPasswordHttpTests.ChangeBody(mfa.Account);

        using var changed = await client.PostAsJsonAsync(PasswordPath, WithFactor(first.Body, recoveryCode: mfa.RecoveryCodes[3]));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
        var again = ChangeMasterPasswordHttpTests.ChangeBody(mfa.Account with { AuthHash = first.NewAuthHash });
        using var reused = await client.PostAsJsonAsync(PasswordPath, WithFactor(again.Body, recoveryCode: mfa.RecoveryCodes[3]));

        await reused.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_invalid");
        Assert.That(await MfaHttpTests.EventTypesAsync(mfa.Login), Does.Contain("recovery_code_used").And.Contain("password_changed"));
        Assert.That((await MfaHttpTests.StatusAsync(mfa.Login)).GetProperty("recoveryCodesRemaining").GetInt32(), Is.EqualTo(9));
    }

    [Test]
    public async Task ShouldDeleteTheAccountOnlyWithASecondFactorWhenMfaIsOn()
    {
        var mfa = await TestMfa.RegisterWithMfaAsync("alice");
        using var client = TestApp.CreateClient(mfa.Login.AccessToken);

        using var missing = await DeleteAsync(client, new JsonObject { ["authHash"] = mfa.Account.AuthHashBase64 });
        await missing.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.mfa_code_required");
        Assert.That((await MfaHttpTests.StatusAsync(mfa.Login)).GetProperty("enabled").GetBoolean(), Is.True, "the account is still there");

        using var deleted = await DeleteAsync(client, new JsonObject { ["authHash"] = mfa.Account.AuthHashBase64, ["code"] = mfa.CodeAt(mfa.ConfirmedStep + 1) });
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await deleted.Content.ReadAsStringAsync());
        Assert.That(await TestDatabase.CountAsync("encryption.encrypted_fields"), Is.Zero, "the encrypted TOTP secret goes with the account");
        var traces = (await TestDatabase.DumpAsync()).Split('\n')
            .Where(line => line.Contains(mfa.Account.UserId.ToString("D"), StringComparison.OrdinalIgnoreCase))
            .Where(line => !TestDatabase.IsAuditLogRow(line)).ToList();
        Assert.That(traces, Has.Count.EqualTo(1), string.Join('\n', traces));
        Assert.That(traces[0], Does.StartWith("INSERT INTO auth.username_reservations"));
    }

    [Test]
    public async Task ShouldNotAskForASecondFactorWhenMfaIsOff()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(login.AccessToken);

        using var changed = await client.PostAsJsonAsync(PasswordPath, ChangeMasterPasswordHttpTests.ChangeBody(login.Account).Body);

        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
        Assert.That(await MfaHttpTests.EventTypesAsync(login), Is.EqualTo(new[] { "password_changed", "login" }));
    }

    private static JsonObject WithFactor(JsonObject body, string? code = null, string? recoveryCode = null)
    {
        if (code is not null) body["code"] = code;
        if (recoveryCode is not null) body["recoveryCode"] = recoveryCode;
        return body;
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, JsonObject body) =>
        await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/auth/account") { Content = JsonContent.Create(body) });
}
