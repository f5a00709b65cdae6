using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;

namespace PasswordManager.EndToEndTests.Tls;

/// <summary>
/// The real API serving HTTPS with the certificate deploy/tls/make-local-ca.sh makes (as deploy/run.sh does):
/// TLS 1.3 only, HSTS, and pm over HTTPS with the local CA pinned (ADR-0024).
/// </summary>
public sealed class TlsServingTests
{
    private string workFolder = null!;
    private LocalCa ca = null!;
    private ServerProcess server = null!;

    [OneTimeSetUp]
    public async Task StartHttpsServerAsync()
    {
        workFolder = Directory.CreateTempSubdirectory("pm-tls-").FullName;
        ca = await DeployScripts.MakeLocalCaAsync(Path.Combine(workFolder, "tls"));
        server = await ServerProcess.StartAsync(
            workFolder, s3BlobStore: false, settings: ca.ServerSettings(), address: new Uri($"https://127.0.0.1:{FreePort.Next()}"));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (server is not null) await server.DisposeAsync();
        if (TestContext.CurrentContext.Result.FailCount == 0) Directory.Delete(workFolder, recursive: true);
    }

    [Test]
    public async Task ShouldRefuseTls12AndOlderAndNegotiateTls13()
    {
        Assert.That(async () => await HandshakeAsync(SslProtocols.Tls12), Throws.InstanceOf<AuthenticationException>().Or.InstanceOf<IOException>(), "TLS 1.2 must be refused");

        Assert.That(await HandshakeAsync(SslProtocols.Tls13), Is.EqualTo(SslProtocols.Tls13));
        Assert.That(await HandshakeAsync(SslProtocols.None), Is.EqualTo(SslProtocols.Tls13), "a client that offers 1.2 and 1.3 gets 1.3");
    }

    [Test]
    public async Task ShouldSendHstsOnHttps()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => ChainsToLocalCa(certificate!) };
        using var http = new HttpClient(handler) { BaseAddress = server.Address };

        using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.That(response.Headers.GetValues("Strict-Transport-Security").Single(), Does.StartWith("max-age=31536000"));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task PmShouldWorkOverHttpsWithTheLocalCaPinned()
    {
        var username = TestUsers.NewUsername("tls");
        var (password, _) = TestUsers.NewPassword();
        var pm = new PmCli(Path.Combine(workFolder, $"cli-{Guid.NewGuid():N}"));

        var configured = await Expect(0, pm.RunAsync("config", "server", server.Address.ToString(), "--ca", ca.Authority, "--json"));
        Assert.That(configured.GetProperty("pinnedAuthority").GetBoolean(), Is.True);
        await Expect(0, pm.RunAsync(["register", "-u", username], password, stdin: null));
        await Expect(0, pm.RunAsync(["login", "-u", username], password, stdin: null));
        await Expect(0, pm.RunAsync(["add", "--name", "OverTls", "--username", "alice", "--generate"], password, stdin: null));
        var entry = await Expect(0, pm.RunAsync(["get", "OverTls", "--show-password", "--json"], password, stdin: null));

        Assert.That(entry.GetRawText(), Does.Contain("alice"));
    }

    [Test]
    public async Task PmShouldRefuseTheServerWithoutTheCaOrWithAnotherCa()
    {
        var other = await DeployScripts.MakeLocalCaAsync(Path.Combine(workFolder, $"other-{Guid.NewGuid():N}"));
        var systemStoreOnly = new PmCli(Path.Combine(workFolder, $"cli-{Guid.NewGuid():N}"));
        var wrongCa = new PmCli(Path.Combine(workFolder, $"cli-{Guid.NewGuid():N}"));
        await Expect(0, systemStoreOnly.RunAsync("config", "server", server.Address.ToString()));
        await Expect(0, wrongCa.RunAsync("config", "server", server.Address.ToString(), "--ca", other.Authority));

        await ExpectError(3, "cli.tls_untrusted", systemStoreOnly.RunAsync(["login", "-u", "nobody", "--json"], "some password 123", stdin: null));
        await ExpectError(3, "cli.tls_untrusted", wrongCa.RunAsync(["login", "-u", "nobody", "--json"], "some password 123", stdin: null));
    }

    [Test]
    public async Task PmShouldRefusePlainHttpBeyondLoopbackUnlessInsecure()
    {
        var pm = new PmCli(Path.Combine(workFolder, $"cli-{Guid.NewGuid():N}"));

        await ExpectError(1, "cli.usage", pm.RunAsync("config", "server", "http://10.20.30.40:8080", "--json"));
        await ExpectError(1, "cli.usage", pm.RunAsync("config", "server", "http://pm.example.org", "--json"));
        await ExpectError(1, "cli.usage", pm.RunAsync("config", "server", "http://127.0.0.1:8080", "--ca", ca.Authority, "--json"));
        await Expect(0, pm.RunAsync("config", "server", "http://localhost:8080"));
        await Expect(0, pm.RunAsync("config", "server", "http://127.0.0.1:8080"));
        var insecure = await Expect(0, pm.RunAsync("config", "server", "http://10.20.30.40:8080", "--insecure", "--json"));

        Assert.That(insecure.GetProperty("server").GetString(), Does.StartWith("http://10.20.30.40:8080"));
    }

    private async Task<SslProtocols> HandshakeAsync(SslProtocols offered)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => ChainsToLocalCa(certificate!));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            EnabledSslProtocols = offered,
        });
        return tls.SslProtocol;
    }

    private bool ChainsToLocalCa(X509Certificate certificate)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(ca.Authority);
        using var authority = certificates[0];
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
