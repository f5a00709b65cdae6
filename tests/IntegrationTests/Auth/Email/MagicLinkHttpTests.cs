using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PasswordManager.IntegrationTests.Auth.Mfa;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Email;

public sealed class MagicLinkHttpTests : TestBase
{
    private const string RequestPath = "/api/v1/auth/magic-link";
    private const string RedeemPath = "/api/v1/auth/magic-link/redeem";

    [Test]
    public async Task ShouldStartASessionOnlyWithTheRequestingDevicesVerifierAndOnlyOnce()
    {
        var name = TestMail.UniqueName("magic");
        await TestMail.RegisterVerifiedAsync(name);
        var (verifier, token) = await RequestAsync(TestMail.AddressOf(name));
        using var client = TestApp.CreateClient();

        using var redeemed = await client.PostAsJsonAsync(RedeemPath, new { token, verifier });
        using var reused = await client.PostAsJsonAsync(RedeemPath, new { token, verifier });

        Assert.That(redeemed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await redeemed.Content.ReadAsStringAsync());
        var body = await redeemed.ReadJsonAsync();
        Assert.That(body.GetProperty("accessToken").GetString(), Is.Not.Empty);
        Assert.That(body.GetProperty("account").GetProperty("encryptedUserKey").GetString(), Is.Not.Empty);
        await reused.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.magic_link_invalid");
        Assert.That(await TestDatabase.DumpAsync(), Does.Not.Contain(token), "only the token's hash is stored");
    }

    [Test]
    public async Task ShouldRefuseAWrongVerifierAndSpendTheToken()
    {
        var name = TestMail.UniqueName("stolen");
        await TestMail.RegisterVerifiedAsync(name);
        var (verifier, token) = await RequestAsync(TestMail.AddressOf(name));
        using var client = TestApp.CreateClient();

        using var elsewhere = await client.PostAsJsonAsync(RedeemPath, new { token, verifier = NewVerifier() });
        using var owner = await client.PostAsJsonAsync(RedeemPath, new { token, verifier });

        await elsewhere.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.magic_link_invalid");
        await owner.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.magic_link_invalid");
        Assert.That(await TestDatabase.CountAsync("auth.sessions"), Is.EqualTo(1), "only the registration's login session");
    }

    [Test]
    public async Task ShouldRefuseAnExpiredToken()
    {
        var name = TestMail.UniqueName("late");
        await TestMail.RegisterVerifiedAsync(name);
        var (verifier, token) = await RequestAsync(TestMail.AddressOf(name));
        await using (var connection = new Npgsql.NpgsqlConnection(TestEnvironment.Database))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("UPDATE auth.magic_links SET expires_at = now() - interval '1 second'", connection);
            await command.ExecuteNonQueryAsync();
        }

        using var response = await TestApp.CreateClient().PostAsJsonAsync(RedeemPath, new { token, verifier });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.magic_link_invalid");
    }

    [Test]
    public async Task ShouldAskForTheSecondFactorWhenMfaIsOn()
    {
        var name = TestMail.UniqueName("mfa");
        var mfa = await TestMfa.EnableAsync(await TestMail.RegisterVerifiedAsync(name));
        var device = Guid.NewGuid();
        var (verifier, token) = await RequestAsync(TestMail.AddressOf(name), device);

        using var redeemed = await TestApp.CreateClient().PostAsJsonAsync(RedeemPath, new { token, verifier });

        var problem = await redeemed.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.mfa_required");
        var ticket = problem.GetProperty("details").GetProperty("mfaTicket").GetString()!;
        using var completed = await TestMfa.CompleteAsync(ticket, device, code: TestMfa.CodeAt(mfa.Secret, mfa.ConfirmedStep + 1));
        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await completed.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ShouldAnswerAlikeForUnknownAndUnverifiedAddressesAndSendNothing()
    {
        var unverified = TestMail.UniqueName("noverify");
        await TestAccounts.RegisterAsync(unverified);
        using var client = TestApp.CreateClient();

        foreach (var address in new[] { TestMail.AddressOf(unverified), "nobody-" + Guid.NewGuid().ToString("N")[..8] + "@example.test" })
        {
            using var response = await client.PostAsJsonAsync(RequestPath, Body(address, Challenge(NewVerifier()), Guid.NewGuid()));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        }

        Assert.That(await TestDatabase.CountAsync("auth.magic_links"), Is.Zero);
        await TestMail.DeliverAsync();
        Assert.That((await TestMail.ToAsync(TestMail.AddressOf(unverified))).Select(m => m.Subject), Has.None.Contains("sign-in"));
    }

    [Test]
    public async Task ShouldRejectBadInput()
    {
        using var client = TestApp.CreateClient();
        var goodChallenge = Challenge(NewVerifier());
        var requests = new[]
        {
            Body("not an address", goodChallenge, Guid.NewGuid()),
            Body("a@example.test", "short", Guid.NewGuid()),
            Body("a@example.test", goodChallenge[..42] + "\u0001", Guid.NewGuid()),
            Body("a@example.test", goodChallenge, Guid.Empty),
            Body(new string('a', 300) + "@example.test", goodChallenge, Guid.NewGuid()),
        };
        foreach (var request in requests)
        {
            using var response = await client.PostAsJsonAsync(RequestPath, request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), request.ToJsonString());
        }

        foreach (var redeem in new object[] { new { token = "", verifier = NewVerifier() }, new { token = "x", verifier = "short" }, new { token = "x", verifier = NewVerifier() + "\u0001" } })
        {
            using var response = await client.PostAsJsonAsync(RedeemPath, redeem);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        using var unknown = await client.PostAsJsonAsync(RedeemPath, new { token = "unknown", verifier = NewVerifier() });
        await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.magic_link_invalid");
        Assert.That(await TestDatabase.CountAsync("auth.magic_links"), Is.Zero);
    }

    private static async Task<(string Verifier, string Token)> RequestAsync(string address, Guid? device = null)
    {
        var verifier = NewVerifier();
        using var client = TestApp.CreateClient();
        using var response = await client.PostAsJsonAsync(RequestPath, Body(address, Challenge(verifier), device ?? Guid.NewGuid()));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var mail = await TestMail.SingleAsync(address, "sign-in link");
        return (verifier, TestMail.TokenIn(mail));
    }

    private static JsonObject Body(string email, string challenge, Guid device) => new()
    {
        ["email"] = email,
        ["verifierChallenge"] = challenge,
        ["device"] = new JsonObject { ["id"] = device, ["name"] = "new laptop", ["type"] = "cli" },
    };

    private static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
