using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Application.Contracts.Encryption;
using PasswordManager.Domain.Common;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Encryption.EncryptionApp;

namespace PasswordManager.IntegrationTests.Encryption;

/// <summary>
/// The same binary twice: a standalone encryption service on a real port (<c>--mode encryption-service</c>) with its
/// own platform master key, and a core whose <see cref="IEncryptionService"/> is the remote adapter pointing at it.
/// </summary>
public sealed class StandaloneEncryptionServiceTests : TestBase
{
    private static readonly TenantId tenant = new(TenantA);
    private ApiFactory service = null!;
    private ApiFactory core = null!;
    private Uri serviceUrl = null!;

    [OneTimeSetUp]
    public void StartHosts()
    {
        var port = FreePort();
        serviceUrl = new Uri($"http://127.0.0.1:{port}/");
        var serviceSettings = Settings();
        serviceSettings["Encryption:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        serviceSettings["mode"] = "encryption-service";
        service = new ApiFactory(serviceSettings);
        service.UseKestrel(port);
        service.StartServer();

        var coreSettings = Settings();
        coreSettings["Encryption:Adapter"] = "Remote";
        coreSettings["Encryption:Remote:BaseUrl"] = serviceUrl.ToString();
        coreSettings[$"Encryption:Remote:Secrets:{TenantA}"] = SecretA;
        coreSettings[$"Encryption:Remote:Secrets:{TenantB}"] = "wrong-secret-for-tenant-b-0123456789abcdef";
        core = new ApiFactory(coreSettings);
        using (core.CreateClient()) { }
    }

    [SetUp]
    public void ForgetCachedKeys() => ClearKeyCaches(service, core);

    [OneTimeTearDown]
    public async Task StopHostsAsync()
    {
        await core.DisposeAsync();
        await service.DisposeAsync();
    }

    [Test]
    public async Task ShouldEncryptAndDecryptThroughTheRemoteService()
    {
        await using var scope = core.Services.CreateAsyncScope();
        var encryption = scope.ServiceProvider.GetRequiredService<IEncryptionService>();

        var encrypted = await encryption.EncryptAsync(tenant, "remote-ctx", Encoding.UTF8.GetBytes("over the wire"), CancellationToken.None);
        var decrypted = await encryption.DecryptAsync(tenant, encrypted.Value, CancellationToken.None);

        Assert.That(Encoding.UTF8.GetString(decrypted.Value), Is.EqualTo("over the wire"));
        Assert.That(service.Logs.All, Does.Contain("/v1/encrypt").And.Contain("/v1/decrypt"));
    }

    [Test]
    public async Task ShouldStoreAndRewrapRegisteredFieldsThroughTheRemoteService()
    {
        await using var scope = core.Services.CreateAsyncScope();
        var fields = scope.ServiceProvider.GetRequiredService<IEncryptedFieldStore>();
        var encryption = scope.ServiceProvider.GetRequiredService<IEncryptionService>();
        var field = new EncryptedFieldRef("Auth", "totp_seed", "user-1");

        await fields.PutAsync(tenant, field, "remote-fields", Encoding.UTF8.GetBytes("JBSWY3DP"), CancellationToken.None);
        var first = await encryption.EncryptAsync(tenant, "remote-fields", Encoding.UTF8.GetBytes("x"), CancellationToken.None);
        using var serviceClient = new HttpClient { BaseAddress = serviceUrl };
        serviceClient.DefaultRequestHeaders.Add("X-Encryption-Tenant", TenantA.ToString());
        serviceClient.DefaultRequestHeaders.Add("X-Encryption-Secret", SecretA);
        using var rotate = await serviceClient.PostAsJsonAsync("v1/rotate", new { encryptionId = "remote-fields" });
        var newVersion = (await rotate.ReadJsonAsync()).GetProperty("newVersionId").GetGuid();
        var rewrapped = await encryption.RewrapAsync(tenant, [first.Value], CancellationToken.None);
        var stored = await fields.GetAsync(tenant, field, CancellationToken.None);

        Assert.That(rewrapped.Value[0].EncryptionVersionId, Is.EqualTo(newVersion));
        Assert.That(Encoding.UTF8.GetString(stored.Value!), Is.EqualTo("JBSWY3DP"));
    }

    [Test]
    public async Task ShouldReportTheServicesProblemCodes()
    {
        await using var scope = core.Services.CreateAsyncScope();
        var encryption = scope.ServiceProvider.GetRequiredService<IEncryptionService>();

        var unknown = await encryption.DecryptAsync(tenant, new EncryptedPayload("missing", Guid.NewGuid(), new byte[20], new byte[12]), CancellationToken.None);
        var badSecret = await encryption.EncryptAsync(new TenantId(TenantB), "ctx", new byte[4], CancellationToken.None);

        Assert.That(unknown.Error.Code, Is.EqualTo("encryption.context_not_found"));
        Assert.That(badSecret.Error.Code, Is.EqualTo("auth.unauthenticated"));
    }

    [Test]
    public async Task ShouldServeOnlyTheEncryptionContractAndHealthInStandaloneMode()
    {
        using var client = new HttpClient { BaseAddress = serviceUrl };

        using var live = await client.GetAsync("health/live");
        using var prelogin = await client.PostAsJsonAsync("api/v1/auth/prelogin", new { username = "someone" });
        using var docs = await client.GetAsync("openapi/v1.json");
        using var anonymousEncrypt = await client.PostAsJsonAsync("v1/encrypt", new { encryptionId = "x", data = "AA==" });

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await prelogin.AssertProblemAsync(HttpStatusCode.NotFound, "request.not_found");
        Assert.That(docs.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await anonymousEncrypt.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
