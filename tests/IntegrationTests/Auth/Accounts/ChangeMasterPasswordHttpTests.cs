using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Accounts;

public sealed class ChangeMasterPasswordHttpTests : TestBase
{
    private const string Path = "/api/v1/auth/account/password";

    [Test]
    public async Task ShouldSwapTheCredentialsKeepThisSessionAndRevokeEveryOther()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var laptop = await TestAccounts.LoginAsync(account);
        var phone = await TestAccounts.LoginAsync(account);
        var change = ChangeBody(account);
        using var client = TestApp.CreateClient(phone.AccessToken);

        using var response = await client.PostAsJsonAsync(Path, change.Body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await response.ReadJsonAsync()).GetProperty("revokedSessions").GetInt32(), Is.EqualTo(1));
        using var anonymous = TestApp.CreateClient();
        using var oldLogin = await anonymous.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(account));
        await oldLogin.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var relogin = await TestAccounts.LoginAsync(account with { AuthHash = change.NewAuthHash });
        var unlock = relogin.Body.GetProperty("account");
        Assert.That(unlock.GetProperty("kdfSalt").GetString(), Is.EqualTo(change.Body["kdfSalt"]!.GetValue<string>()));
        Assert.That(unlock.GetProperty("encryptedUserKey").GetString(), Is.EqualTo(change.Body["encryptedUserKey"]!.GetValue<string>()));
        Assert.That(unlock.GetProperty("kdf").GetProperty("iterations").GetInt32(), Is.EqualTo(4));
        Assert.That(unlock.GetProperty("encryptedPrivateKeys").GetString(), Is.EqualTo(account.RegisterBody["encryptedPrivateKeys"]!.GetValue<string>()));
        using var laptopRefresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = laptop.RefreshToken });
        await laptopRefresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_expired");
        using var phoneRefresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = phone.RefreshToken });
        Assert.That(phoneRefresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), await phoneRefresh.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ShouldRefuseAWrongCurrentAuthHashAndChangeNothing()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var laptop = await TestAccounts.LoginAsync(account);
        var phone = await TestAccounts.LoginAsync(account);
        var change = ChangeBody(account);
        change.Body["currentAuthHash"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var client = TestApp.CreateClient(phone.AccessToken);

        using var response = await client.PostAsJsonAsync(Path, change.Body);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        await AssertUnchangedAsync(account, laptop);
    }

    [Test]
    public async Task ShouldOnlyEverChangeTheCallersOwnAccount()
    {
        var alice = await TestAccounts.RegisterAsync("alice");
        var aliceLaptop = await TestAccounts.LoginAsync(alice);
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");
        using var client = TestApp.CreateClient(mallory.AccessToken);

        using var response = await client.PostAsJsonAsync(Path, ChangeBody(alice).Body);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.wrong_master_password");
        await AssertUnchangedAsync(alice, aliceLaptop);
    }

    [Test]
    public async Task ShouldRefuseAnonymousCallersAndApiKeys()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var laptop = await TestAccounts.LoginAsync(account);
        var key = await TestApiKeys.CreateAsync(laptop, TestApiKeys.AllScopes);
        using var anonymous = TestApp.CreateClient();
        using var apiKey = TestApiKeys.Client(key);

        using var anonymousResponse = await anonymous.PostAsJsonAsync(Path, ChangeBody(account).Body);
        using var apiKeyResponse = await apiKey.PostAsJsonAsync(Path, ChangeBody(account).Body);

        await anonymousResponse.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await apiKeyResponse.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.api_key_not_allowed");
        await AssertUnchangedAsync(account, laptop);
    }

    private static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return new TestCaseData("currentAuthHash", JsonValue.Create("not base64!")).SetName("ShouldRejectCurrentAuthHashThatIsNotBase64");
        yield return new TestCaseData("newAuthHash", JsonValue.Create(Convert.ToBase64String(new byte[31]))).SetName("ShouldRejectShortNewAuthHash");
        yield return new TestCaseData("newAuthHash", JsonValue.Create("\u0000\u0001\u0002")).SetName("ShouldRejectControlCharactersInNewAuthHash");
        yield return new TestCaseData("kdf", new JsonObject { ["memoryKiB"] = 19455, ["iterations"] = 3, ["parallelism"] = 1 }).SetName("ShouldRejectNewKdfBelowTheFloor");
        yield return new TestCaseData("kdf", new JsonObject { ["memoryKiB"] = 65536, ["iterations"] = int.MaxValue, ["parallelism"] = 1 }).SetName("ShouldRejectHugeKdfIterations");
        yield return new TestCaseData("kdf", null).SetName("ShouldRejectMissingKdf");
        yield return new TestCaseData("kdfSalt", JsonValue.Create(Convert.ToBase64String(new byte[8]))).SetName("ShouldRejectShortNewSalt");
        yield return new TestCaseData("encryptedUserKey", JsonValue.Create(Convert.ToBase64String(new byte[74]))).SetName("ShouldRejectUserKeyWithoutEnvelopeHeader");
    }

    [TestCaseSource(nameof(InvalidFields))]
    public async Task ShouldRejectAnInvalidFieldAndChangeNothing(string field, JsonNode? value)
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var laptop = await TestAccounts.LoginAsync(account);
        var phone = await TestAccounts.LoginAsync(account);
        var change = ChangeBody(account);
        change.Body[field] = value;
        using var client = TestApp.CreateClient(phone.AccessToken);

        using var response = await client.PostAsJsonAsync(Path, change.Body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.StartsWith(field[..1].ToUpperInvariant() + field[1..]).IgnoreCase);
        await AssertUnchangedAsync(account, laptop);
    }

    [Test]
    public async Task ShouldRejectMalformedAndHugeBodiesAndChangeNothing()
    {
        var account = await TestAccounts.RegisterAsync("alice");
        var laptop = await TestAccounts.LoginAsync(account);
        var phone = await TestAccounts.LoginAsync(account);
        using var client = TestApp.CreateClient(phone.AccessToken);
        var huge = ChangeBody(account).Body;
        huge["encryptedUserKey"] = new string('A', 100_000);

        using var malformed = await client.PostAsync(Path, new StringContent("{\"currentAuthHash\":", Encoding.UTF8, "application/json"));
        using var tooLarge = await client.PostAsJsonAsync(Path, huge);

        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), await tooLarge.Content.ReadAsStringAsync());
        await AssertUnchangedAsync(account, laptop);
    }

    internal static (JsonObject Body, byte[] NewAuthHash) ChangeBody(TestAccount account)
    {
        var newAuthHash = RandomNumberGenerator.GetBytes(32);
        var userKey = RandomNumberGenerator.GetBytes(74);
        (userKey[0], userKey[1]) = (0x01, 0x01);
        return (new JsonObject
        {
            ["currentAuthHash"] = account.AuthHashBase64,
            ["newAuthHash"] = Convert.ToBase64String(newAuthHash),
            ["kdf"] = new JsonObject { ["memoryKiB"] = 65536, ["iterations"] = 4, ["parallelism"] = 1 },
            ["kdfSalt"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
            ["encryptedUserKey"] = Convert.ToBase64String(userKey),
        }, newAuthHash);
    }

    /// <summary>The old authHash still logs in to the old key material, and the other session still refreshes.</summary>
    private static async Task AssertUnchangedAsync(TestAccount account, LoggedIn otherSession)
    {
        var login = await TestAccounts.LoginAsync(account);
        Assert.That(login.Body.GetProperty("account").GetProperty("kdfSalt").GetString(), Is.EqualTo(account.RegisterBody["kdfSalt"]!.GetValue<string>()));
        Assert.That(login.Body.GetProperty("account").GetProperty("encryptedUserKey").GetString(), Is.EqualTo(account.RegisterBody["encryptedUserKey"]!.GetValue<string>()));
        using var anonymous = TestApp.CreateClient();
        using var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = otherSession.RefreshToken });
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), await refresh.Content.ReadAsStringAsync());
    }
}
