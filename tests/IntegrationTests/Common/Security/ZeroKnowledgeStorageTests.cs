using System.Net.Http.Json;
using System.Text;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Common.Security;

/// <summary>What a thief of the database dump, the data folder or the logs would see.</summary>
public sealed class ZeroKnowledgeStorageTests : TestBase
{
    [Test]
    public async Task ShouldKeepAuthHashesTokensAndHintsOutOfStorageAndLogs()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient();
        using var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken });
        var newRefreshToken = (await refreshed.ReadJsonAsync()).GetProperty("refreshToken").GetString()!;
        using var authed = TestApp.CreateClient(login.AccessToken);
        using var invitation = await authed.PostAsJsonAsync("/api/v1/tenant/invitations", new { role = "member" });
        var invitationCode = (await invitation.ReadJsonAsync()).GetProperty("code").GetString()!;

        var secrets = new Dictionary<string, string>
        {
            ["authHash (base64)"] = login.Account.AuthHashBase64,
            ["authHash (hex)"] = Convert.ToHexString(login.Account.AuthHash),
            ["authHash (hex, lower)"] = Convert.ToHexStringLower(login.Account.AuthHash),
            ["first refresh token"] = login.RefreshToken,
            ["rotated refresh token"] = newRefreshToken,
            ["access token"] = login.AccessToken,
            ["invitation code"] = invitationCode,
            ["JWT signing key"] = ApiFactory.SigningKeyBase64,
        };
        var dump = await TestDatabase.DumpAsync();
        var files = string.Join('\n', Directory.EnumerateFiles(TestApp.Factory.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/keys/", StringComparison.Ordinal))
            .Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        var logs = TestApp.Factory.Logs.All;

        Assert.That(dump, Does.Contain("auth_verifier").Or.Contain("$argon2id$"), "the dump should hold the users table");
        Assert.Multiple(() =>
        {
            foreach (var (name, secret) in secrets)
            {
                Assert.That(dump, Does.Not.Contain(secret), $"{name} is in the database dump");
                Assert.That(files, Does.Not.Contain(secret), $"{name} is in the data folder");
                Assert.That(logs, Does.Not.Contain(secret), $"{name} is in the server log");
            }

            Assert.That(logs, Does.Not.Contain("the usual"), "the password hint is in the server log");
            Assert.That(logs, Does.Contain("/api/v1/auth/login"), "the logs should have been captured");
        });
    }
}
