using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Common.Security;

/// <summary>Hand-made tokens against the real bearer validation: only exactly what we issue is accepted.</summary>
public sealed class AccessTokenSecurityTests : TestBase
{
    private static readonly byte[] ServerKey = Convert.FromBase64String(ApiFactory.SigningKeyBase64);

    [Test]
    public async Task ShouldAcceptAWellFormedTokenSoTheRejectionsBelowMeanSomething()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");

        var status = await CallAsync(Sign(Header("HS256"), Payload(login), ServerKey));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ShouldRejectAnUnsignedToken()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");

        var token = $"{Encode(Header("none"))}.{Encode(Payload(login))}.";

        Assert.That(await CallAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ShouldRejectATokenSignedWithAnotherKey()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");

        var token = Sign(Header("HS256"), Payload(login), RandomNumberGenerator.GetBytes(32));

        Assert.That(await CallAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ShouldRejectAnotherAlgorithmEvenWithTheRightKey()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");

        var token = Sign(Header("HS512"), Payload(login), ServerKey, hs512: true);

        Assert.That(await CallAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ShouldRejectAnExpiredToken()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        var past = DateTimeOffset.UtcNow.AddMinutes(-10);

        var token = Sign(Header("HS256"), Payload(login, issuedAt: past.AddMinutes(-5), expires: past), ServerKey);

        Assert.That(await CallAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ShouldRejectAnotherAudience()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");

        var token = Sign(Header("HS256"), Payload(login, audience: "another-api"), ServerKey);

        Assert.That(await CallAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ShouldRejectAnotherIssuer()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");

        var token = Sign(Header("HS256"), Payload(login, issuer: "someone-else"), ServerKey);

        Assert.That(await CallAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ShouldRejectATamperedPayload()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        var parts = alice.AccessToken.Split('.');

        var token = $"{parts[0]}.{Encode(Payload(bob))}.{parts[2]}";

        Assert.That(await CallAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ShouldRejectATokenWithoutExpiry()
    {
        var login = await TestAccounts.RegisterAndLoginAsync("alice");
        var payload = Payload(login);
        payload.Remove("exp");

        Assert.That(await CallAsync(Sign(Header("HS256"), payload, ServerKey)), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static Dictionary<string, object> Header(string algorithm) => new() { ["alg"] = algorithm, ["typ"] = "JWT", ["kid"] = "pm-1" };

    private static Dictionary<string, object> Payload(
        LoggedIn login, string issuer = ApiFactory.Issuer, string audience = ApiFactory.Audience,
        DateTimeOffset? issuedAt = null, DateTimeOffset? expires = null)
    {
        var iat = issuedAt ?? DateTimeOffset.UtcNow;
        return new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = login.Account.UserId.ToString(),
            ["sid"] = login.SessionId.ToString(),
            ["tid"] = "00000000-0000-0000-0000-000000000001",
            ["role"] = "member",
            ["name"] = login.Account.Username,
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["nbf"] = iat.ToUnixTimeSeconds(),
            ["exp"] = (expires ?? iat.AddMinutes(5)).ToUnixTimeSeconds(),
        };
    }

    private static string Encode(object part) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(part));

    private static string Sign(object header, object payload, byte[] key, bool hs512 = false)
    {
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = hs512 ? HMACSHA512.HashData(key, data) : HMACSHA256.HashData(key, data);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static async Task<HttpStatusCode> CallAsync(string token)
    {
        using var client = TestApp.CreateClient(token);
        using var response = await client.GetAsync("/api/v1/auth/account");
        return response.StatusCode;
    }
}
