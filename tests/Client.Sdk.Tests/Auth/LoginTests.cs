using System.Net;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tests.Support;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Tests.Auth;

public sealed class LoginTests
{
    private const string password = "correct horse battery staple";
    private const string preloginRoute = "POST /api/v1/auth/prelogin";
    private const string loginRoute = "POST /api/v1/auth/login";
    private const string logoutRoute = "POST /api/v1/auth/logout";
    private const string loginMfaRoute = "POST /api/v1/auth/login/mfa";
    private static readonly DeviceInfo device = new(Guid.NewGuid(), "test", DeviceType.Cli);

    [Test]
    public async Task LoginUnlocksVerifiesAndStoresTheSession()
    {
        using var keys = AccountKeys.Create(Guid.NewGuid());
        var registration = keys.CreateRegistration(password, KdfParameters.Minimum);
        using var server = new StubServer();
        var store = new InMemoryTokenStore();
        ServeAccount(server, keys.UserId, registration, registration.PublicKeyBundle);
        using var client = server.CreateClient(store);

        using var unlocked = await client.Account.LoginAsync("alice", password.AsMemory(), device);

        Assert.Multiple(async () =>
        {
            Assert.That(unlocked.UserId, Is.EqualTo(keys.UserId));
            Assert.That(unlocked.Fingerprint, Is.EqualTo(keys.PublicBundle.Fingerprint));
            Assert.That((await store.LoadAsync(default))!.RefreshToken, Is.EqualTo("refresh-1"));
        });
    }

    [TestCase(1024, 3)]
    [TestCase(65536, 1)]
    [TestCase(2 * 1024 * 1024, 3)]
    public void WeakOrStallingKdfParametersAreRefusedBeforeLogin(int memoryKiB, int iterations)
    {
        using var server = new StubServer();
        server.OnJson(preloginRoute, new PreloginResponse(new KdfParameters(memoryKiB, iterations, 1), new byte[16]));
        using var client = server.CreateClient(new InMemoryTokenStore());

        Assert.ThrowsAsync<KdfParametersRejectedException>(() => client.Account.LoginAsync("alice", password.AsMemory(), device));
        Assert.That(server.Count(loginRoute), Is.Zero);
    }

    [Test]
    public async Task SubstitutedPublicKeyBundleIsRejectedAndTheSessionAbandoned()
    {
        var userId = Guid.NewGuid();
        using var keys = AccountKeys.Create(userId);
        using var impostor = AccountKeys.Create(userId);
        var registration = keys.CreateRegistration(password, KdfParameters.Minimum);
        using var server = new StubServer();
        var store = new InMemoryTokenStore();
        ServeAccount(server, userId, registration, impostor.PublicBundle.ToArray());
        using var client = server.CreateClient(store);

        Assert.ThrowsAsync<IdentityMismatchException>(() => client.Account.LoginAsync("alice", password.AsMemory(), device));

        Assert.That(await store.LoadAsync(default), Is.Null);
        Assert.That(server.Requests.Single(r => r.Route == logoutRoute).Bearer, Is.EqualTo("access-1"));
    }

    [Test]
    public async Task MfaChallengeAsksForACodeAndSendsItWithTheTicketWithoutDerivingAgain()
    {
        using var keys = AccountKeys.Create(Guid.NewGuid());
        var registration = keys.CreateRegistration(password, KdfParameters.Minimum);
        using var server = new StubServer();
        ServeAccount(server, keys.UserId, registration, registration.PublicKeyBundle);
        server.On(loginRoute, _ => Task.FromResult(StubServer.Json(HttpStatusCode.Unauthorized, new
        {
            status = 401, code = ProblemCodes.MfaRequired, title = "A second factor is required.",
            details = new { mfaTicket = "ticket-1", expiresAt = DateTimeOffset.UtcNow.AddMinutes(5) },
        })));
        string? secondStep = null;
        var loginOk = StubServer.Json(HttpStatusCode.OK, LoginBody(keys.UserId, registration, registration.PublicKeyBundle) with { RecoveryCodesRemaining = 9 });
        server.On(loginMfaRoute, async request =>
        {
            secondStep = await request.Content!.ReadAsStringAsync();
            return loginOk;
        });
        var store = new InMemoryTokenStore();
        using var client = server.CreateClient(store);

        using var unlocked = await client.Account.LoginAsync(
            "alice", password.AsMemory(), device, (_, _) => ValueTask.FromResult<SecondFactor?>(SecondFactor.Recovery(" abcde-fghij ")));

        Assert.That(server.Count(loginRoute), Is.EqualTo(1));
        Assert.That(server.Count(loginMfaRoute), Is.EqualTo(1));
        Assert.That(server.Count(preloginRoute), Is.EqualTo(1));
        Assert.That(secondStep, Does.Contain("\"ticket\":\"ticket-1\"").And.Contain($"\"deviceId\":\"{device.Id}\"").And.Contain("\"recoveryCode\":\"abcde-fghij\""));
        Assert.That(unlocked.RecoveryCodesRemaining, Is.EqualTo(9));
        Assert.That(await store.LoadAsync(CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task WithoutASecondFactorTheMfaChallengeIsThrownAndNothingIsStored()
    {
        using var keys = AccountKeys.Create(Guid.NewGuid());
        var registration = keys.CreateRegistration(password, KdfParameters.Minimum);
        using var server = new StubServer();
        ServeAccount(server, keys.UserId, registration, registration.PublicKeyBundle);
        server.On(loginRoute, _ => Task.FromResult(StubServer.Problem(HttpStatusCode.Unauthorized, ProblemCodes.MfaRequired, "A second factor is required.")));
        var store = new InMemoryTokenStore();
        using var client = server.CreateClient(store);

        var thrown = Assert.ThrowsAsync<PmApiException>(() => client.Account.LoginAsync("alice", password.AsMemory(), device));

        Assert.That(thrown!.Code, Is.EqualTo(ProblemCodes.MfaRequired));
        Assert.That(await store.LoadAsync(CancellationToken.None), Is.Null);
    }

    private static void ServeAccount(StubServer server, Guid userId, RegistrationMaterial registration, byte[] publishedBundle)
    {
        server.OnJson(preloginRoute, new PreloginResponse(registration.Kdf, registration.Salt));
        server.OnJson(loginRoute, LoginBody(userId, registration, publishedBundle));
        server.On(logoutRoute, _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)));
    }

    private static LoginResponse LoginBody(Guid userId, RegistrationMaterial registration, byte[] publishedBundle) => new(
        "access-1",
        DateTimeOffset.UtcNow.AddMinutes(5),
        "refresh-1",
        Guid.NewGuid(),
        new UnlockMaterial(
            userId, "alice", Guid.NewGuid(), TenantRole.Owner, registration.Kdf, registration.Salt,
            registration.EncryptedUserKey, registration.EncryptedPrivateKeys, publishedBundle));
}
