using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PasswordManager.IntegrationTests.Infrastructure;

/// <summary>
/// Accounts made of random bytes in the v1 envelope formats. The server only checks format and size,
/// so the HTTP tests need no client cryptography.
/// </summary>
internal sealed record TestAccount(Guid UserId, string Username, byte[] AuthHash, JsonObject RegisterBody)
{
    public string AuthHashBase64 => Convert.ToBase64String(AuthHash);

    public static TestAccount Create(string username)
    {
        var userId = Guid.NewGuid();
        var authHash = RandomNumberGenerator.GetBytes(32);
        var bundle = new byte[145];
        bundle[0] = 0x01;
        userId.TryWriteBytes(bundle.AsSpan(1, 16), bigEndian: true, out _);
        RandomNumberGenerator.Fill(bundle.AsSpan(17));
        var body = new JsonObject
        {
            ["userId"] = userId,
            ["username"] = username,
            ["email"] = $"{username}@example.test",
            ["authHash"] = Convert.ToBase64String(authHash),
            ["kdf"] = new JsonObject { ["memoryKiB"] = 65536, ["iterations"] = 3, ["parallelism"] = 1 },
            ["kdfSalt"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
            ["encryptedUserKey"] = Convert.ToBase64String(Envelope(32)),
            ["encryptedPrivateKeys"] = Convert.ToBase64String(Envelope(64)),
            ["publicKeyBundle"] = Convert.ToBase64String(bundle),
            ["passwordHint"] = "the usual",
        };
        return new TestAccount(userId, username, authHash, body);
    }

    private static byte[] Envelope(int plaintextLength)
    {
        var envelope = RandomNumberGenerator.GetBytes(2 + 24 + plaintextLength + 16);
        (envelope[0], envelope[1]) = (0x01, 0x01);
        return envelope;
    }
}

internal sealed record LoggedIn(TestAccount Account, string AccessToken, string RefreshToken, Guid SessionId, JsonElement Body);

internal static class TestAccounts
{
    public static async Task<TestAccount> RegisterAsync(string username, string? invitationCode = null)
    {
        var account = TestAccount.Create(username);
        if (invitationCode is not null) account.RegisterBody["invitationCode"] = invitationCode;
        using var client = TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", account.RegisterBody);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return account;
    }

    public static async Task<LoggedIn> LoginAsync(TestAccount account, Guid? deviceId = null)
    {
        using var client = TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", LoginBody(account, deviceId));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new LoggedIn(
            account,
            body.GetProperty("accessToken").GetString()!,
            body.GetProperty("refreshToken").GetString()!,
            body.GetProperty("sessionId").GetGuid(),
            body);
    }

    public static async Task<LoggedIn> RegisterAndLoginAsync(string username) => await LoginAsync(await RegisterAsync(username));

    public static JsonObject LoginBody(TestAccount account, Guid? deviceId = null) => new()
    {
        ["username"] = account.Username,
        ["authHash"] = account.AuthHashBase64,
        ["device"] = new JsonObject { ["id"] = deviceId ?? Guid.NewGuid(), ["name"] = "test device", ["type"] = "cli" },
    };
}
