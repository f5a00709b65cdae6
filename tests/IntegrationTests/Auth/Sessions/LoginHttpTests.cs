using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Sessions;

public sealed class LoginHttpTests : TestBase
{
    [Test]
    public async Task ShouldReturnTokensAndEverythingNeededToUnlock()
    {
        var account = await TestAccounts.RegisterAsync("alice");

        var login = await TestAccounts.LoginAsync(account);

        var unlock = login.Body.GetProperty("account");
        Assert.Multiple(() =>
        {
            Assert.That(login.Body.GetProperty("tokenType").GetString(), Is.EqualTo("Bearer"));
            Assert.That(login.AccessToken.Split('.'), Has.Length.EqualTo(3));
            Assert.That(login.RefreshToken, Has.Length.GreaterThanOrEqualTo(43));
            Assert.That(unlock.GetProperty("userId").GetGuid(), Is.EqualTo(account.UserId));
            Assert.That(unlock.GetProperty("encryptedUserKey").GetString(), Is.EqualTo(account.RegisterBody["encryptedUserKey"]!.GetValue<string>()));
            Assert.That(unlock.GetProperty("encryptedPrivateKeys").GetString(), Is.EqualTo(account.RegisterBody["encryptedPrivateKeys"]!.GetValue<string>()));
            Assert.That(unlock.GetProperty("publicKeyBundle").GetString(), Is.EqualTo(account.RegisterBody["publicKeyBundle"]!.GetValue<string>()));
            Assert.That(unlock.GetProperty("kdfSalt").GetString(), Is.EqualTo(account.RegisterBody["kdfSalt"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task ShouldAnswerWrongPasswordAndUnknownUserWithTheSameGenericError()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        using var client = TestApp.CreateClient();
        var wrongPassword = TestAccounts.LoginBody(account);
        wrongPassword["authHash"] = Convert.ToBase64String(new byte[32]);
        var unknownUser = TestAccounts.LoginBody(TestAccount.Create("nobody"));

        using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", wrongPassword);
        using var unknown = await client.PostAsJsonAsync("/api/v1/auth/login", unknownUser);

        var wrongProblem = await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var unknownProblem = await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        Assert.That(unknownProblem.GetProperty("title").GetString(), Is.EqualTo(wrongProblem.GetProperty("title").GetString()));
        Assert.That(await TestDatabase.CountAsync("auth.sessions"), Is.Zero);
    }

    [Test]
    public async Task ShouldReplaceTheSessionOfTheSameDevice()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var device = Guid.NewGuid();

        var first = await TestAccounts.LoginAsync(account, device);
        var second = await TestAccounts.LoginAsync(account, device);

        using var client = TestApp.CreateClient(second.AccessToken);
        var sessions = (await client.GetFromJsonAsync<JsonObject>("/api/v1/auth/sessions"))!["items"]!.AsArray();
        Assert.That(sessions.Select(s => s!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { second.SessionId }));
        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.RefreshToken });
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_expired");
    }

    [Test]
    public async Task ShouldRejectAMissingDevice()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var body = TestAccounts.LoginBody(account);
        body.Remove("device");
        using var client = TestApp.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await TestDatabase.CountAsync("auth.sessions"), Is.Zero);
    }
}
