using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OtpNet;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Mfa;

/// <summary>An account with TOTP on, with what its owner's authenticator app and printout hold.</summary>
internal sealed record MfaAccount(LoggedIn Login, byte[] Secret, long ConfirmedStep, IReadOnlyList<string> RecoveryCodes)
{
    public TestAccount Account => Login.Account;

    /// <summary>The code of <paramref name="step"/> (a 30-second window since the epoch), as an authenticator app shows it then.</summary>
    public string CodeAt(long step) => TestMfa.CodeAt(Secret, step);
}

internal static class TestMfa
{
    public static long CurrentStep => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    public static string CodeAt(byte[] secret, long step) => new Totp(secret).ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30));

    public static async Task<JsonElement> EnrolAsync(LoggedIn login)
    {
        using var client = TestApp.CreateClient(login.AccessToken);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/mfa/totp", new { authHash = login.Account.AuthHashBase64 });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<MfaAccount> EnableAsync(LoggedIn login)
    {
        var enrolment = await EnrolAsync(login);
        var secret = Base32Encoding.ToBytes(enrolment.GetProperty("secret").GetString()!);
        var step = CurrentStep;
        using var client = TestApp.CreateClient(login.AccessToken);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/mfa/totp/confirm", new { code = CodeAt(secret, step) });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var codes = (await response.ReadJsonAsync()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return new MfaAccount(login, secret, step, codes);
    }

    public static async Task<MfaAccount> RegisterWithMfaAsync(string username) =>
        await EnableAsync(await TestAccounts.RegisterAndLoginAsync(username));

    /// <summary>The first step of a login: asserts <c>auth.mfa_required</c> and returns the ticket.</summary>
    public static async Task<string> TicketAsync(TestAccount account, Guid deviceId, ApiFactory? app = null)
    {
        using var client = app?.CreateClient() ?? TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(account, deviceId));
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.mfa_required");
        return problem.GetProperty("details").GetProperty("mfaTicket").GetString()!;
    }

    public static async Task<HttpResponseMessage> CompleteAsync(
        string ticket, Guid deviceId, string? code = null, string? recoveryCode = null, ApiFactory? app = null)
    {
        using var client = app?.CreateClient() ?? TestApp.CreateClient();
        var body = new JsonObject { ["ticket"] = ticket, ["deviceId"] = deviceId };
        if (code is not null) body["code"] = code;
        if (recoveryCode is not null) body["recoveryCode"] = recoveryCode;
        return await client.PostAsJsonAsync("/api/v1/auth/login/mfa", body);
    }
}
