using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Operations;

/// <summary>
/// Two processes of the same binary: a standalone Encryption Service over HTTPS that requires a client certificate
/// from its CA (Https:ClientCertificateAuthorityPath), and a core whose remote adapter presents one (ADR-0024).
/// The shared secret is still required on top of the certificate.
/// </summary>
public sealed class EncryptionServiceMutualTlsTests
{
    private const string Tenant = "00000000-0000-0000-0000-000000000001";
    private const string Secret = "mtls-test-service-secret-0123456789abcdef";
    private string work = null!;
    private LocalCa ca = null!;
    private LocalCa otherCa = null!;
    private ServerProcess service = null!;

    [OneTimeSetUp]
    public async Task StartServiceAsync()
    {
        work = Directory.CreateTempSubdirectory("pm-mtls-").FullName;
        ca = await DeployScripts.MakeLocalCaAsync(Path.Combine(work, "ca"));
        otherCa = await DeployScripts.MakeLocalCaAsync(Path.Combine(work, "other-ca"));
        var settings = ca.ServerSettings();
        settings["Encryption__Mode"] = "Standalone";
        settings["Https__ClientCertificateAuthorityPath"] = ca.Authority;
        settings[$"Encryption__ServiceSecrets__{Tenant}"] = Secret;
        service = await ServerProcess.StartAsync(
            Path.Combine(work, "service"), s3BlobStore: false, settings: settings, address: new Uri($"https://127.0.0.1:{FreePort.Next()}"),
            database: await TestDatabases.CreateAsync(), readinessClientCertificate: ca.ClientPkcs12);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (service is not null) await service.DisposeAsync();
        if (TestContext.CurrentContext.Result.FailCount == 0) Directory.Delete(work, recursive: true);
    }

    [Test]
    public async Task ShouldRefuseAMissingOrForeignClientCertificateAndAcceptTheRightOneWithTheSecret()
    {
        Assert.That(async () => await EncryptAsync(clientCertificate: null, Secret), Throws.InstanceOf<HttpRequestException>(), "no client certificate");
        Assert.That(async () => await EncryptAsync(otherCa.ClientPkcs12, Secret), Throws.InstanceOf<HttpRequestException>(), "a certificate of another CA");
        Assert.That(async () => await EncryptAsync(ca.ServerCertificate + "|" + ca.ServerKey, Secret), Throws.InstanceOf<HttpRequestException>(), "a server-only certificate");

        Assert.That(await EncryptAsync(ca.ClientPkcs12, Secret), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await EncryptAsync(ca.ClientPkcs12, "wrong-secret-wrong-secret-wrong-secret-0"), Is.EqualTo(HttpStatusCode.Unauthorized), "the secret is still required");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task CoreShouldReachTheServiceOnlyWithItsClientCertificate()
    {
        await using var core = await StartCoreAsync("core", ca.ClientPkcs12);
        var pm = new PmCli(Path.Combine(work, $"cli-{Guid.NewGuid():N}"));
        var username = TestUsers.NewUsername("mtls");
        var (password, _) = TestUsers.NewPassword();
        await Expect(0, pm.RunAsync("config", "server", core.Address.ToString()));
        await Expect(0, pm.RunAsync(["register", "-u", username], password, stdin: null));
        await Expect(0, pm.RunAsync(["login", "-u", username], password, stdin: null));

        await Expect(0, pm.RunAsync(["mfa", "enable", "--json"], password, stdin: null));
        Assert.That(await File.ReadAllTextAsync(service.LogFile), Does.Contain("/v1/encrypt"), "the TOTP seed was encrypted by the service");

        await using var impostor = await StartCoreAsync("impostor", otherCa.ClientPkcs12);
        var other = new PmCli(Path.Combine(work, $"cli-{Guid.NewGuid():N}"));
        var otherName = TestUsers.NewUsername("mtls");
        await Expect(0, other.RunAsync("config", "server", impostor.Address.ToString()));
        await Expect(0, other.RunAsync(["register", "-u", otherName], password, stdin: null));
        await Expect(0, other.RunAsync(["login", "-u", otherName], password, stdin: null));
        var refused = await other.RunAsync(["mfa", "enable", "--json"], password, stdin: null);
        Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
    }

    private async Task<ServerProcess> StartCoreAsync(string name, string clientCertificate) => await ServerProcess.StartAsync(
        Path.Combine(work, name), s3BlobStore: false, database: await TestDatabases.CreateAsync(), settings: new Dictionary<string, string>
        {
            ["Encryption__Adapter"] = "Remote",
            ["Encryption__Remote__BaseUrl"] = service.Address.ToString(),
            [$"Encryption__Remote__Secrets__{Tenant}"] = Secret,
            ["Encryption__Remote__ClientCertificatePath"] = clientCertificate,
            ["Encryption__Remote__ServerCertificateAuthorityPath"] = ca.Authority,
        });

    /// <summary>One encrypt call; <paramref name="clientCertificate"/> is a PKCS#12 file or "cert.pem|key.pem".</summary>
    private async Task<HttpStatusCode> EncryptAsync(string? clientCertificate, string secret)
    {
        using var handler = new HttpClientHandler();
        handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(ca.Authority);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate!);
        };
        if (clientCertificate is not null)
        {
            var parts = clientCertificate.Split('|');
            handler.ClientCertificates.Add(parts.Length == 2
                ? X509Certificate2.CreateFromPemFile(parts[0], parts[1])
                : X509CertificateLoader.LoadPkcs12FromFile(clientCertificate, password: null));
        }

        using var http = new HttpClient(handler) { BaseAddress = service.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/encrypt")
        {
            Content = JsonContent.Create(new { encryptionId = "mtls-test", data = Convert.ToBase64String("hello"u8.ToArray()) }),
        };
        request.Headers.Add("X-Encryption-Tenant", Tenant);
        request.Headers.Add("X-Encryption-Secret", secret);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
