using System.Text.Json;
using OpenQA.Selenium.Chrome;
using PasswordManager.EndToEndTests.Infrastructure;

namespace PasswordManager.BrowserTests;

/// <summary>
/// One real API process over HTTPS (a local CA, as deploy/run.sh serves), an instance administrator logged in with pm,
/// and one headless Chromium for every test in this assembly.
/// </summary>
[SetUpFixture]
public sealed class ConsoleFixture
{
    internal static ServerProcess Server { get; private set; } = null!;

    internal static LocalCa Ca { get; private set; } = null!;

    internal static string WorkFolder { get; private set; } = null!;

    internal static ChromeDriver Browser { get; private set; } = null!;

    internal static PmCli Admin { get; private set; } = null!;

    internal static string AdminName { get; private set; } = null!;

    internal static string AdminPassword { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        WorkFolder = Directory.CreateTempSubdirectory("pm-browser-").FullName;
        Ca = await DeployScripts.MakeLocalCaAsync(Path.Combine(WorkFolder, "tls"));
        AdminName = TestUsers.NewUsername("root");
        var settings = Ca.ServerSettings();
        settings["Auth__InstanceAdministrators__0"] = AdminName;
        Server = await ServerProcess.StartAsync(
            WorkFolder, s3BlobStore: false, lifetime: TimeSpan.FromMinutes(20), settings: settings, address: new Uri($"https://127.0.0.1:{FreePort.Next()}"));
        TestContext.Progress.WriteLine($"API on {Server.Address}, log {Server.LogFile}");

        (AdminPassword, _) = TestUsers.NewPassword();
        Admin = await NewDeviceAsync();
        await ExpectOk(Admin.RunAsync(["register", "-u", AdminName], AdminPassword, null));
        await ExpectOk(Admin.RunAsync(["login", "-u", AdminName], AdminPassword, null));
        Browser = StartBrowser();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Browser?.Quit();
        Browser?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        if (WorkFolder is not null && TestContext.CurrentContext.Result.FailCount == 0) Directory.Delete(WorkFolder, recursive: true);
    }

    /// <summary>A pm profile pinned to the server's local CA.</summary>
    internal static async Task<PmCli> NewDeviceAsync()
    {
        var pm = new PmCli(Path.Combine(WorkFolder, $"cli-{Guid.NewGuid():N}"));
        await ExpectOk(pm.RunAsync("config", "server", Server.Address.ToString(), "--ca", Ca.Authority));
        return pm;
    }

    internal static async Task<ProcessResult> ExpectOk(Task<ProcessResult> run)
    {
        var result = await run;
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }

    /// <summary>The one-time console link <c>pm admin console --json</c> prints for <paramref name="pm"/>'s session.</summary>
    internal static async Task<Uri> ConsoleLinkAsync(PmCli pm, string password)
    {
        var result = await ExpectOk(pm.RunAsync(["admin", "console", "--json"], password, null));
        return new Uri(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("url").GetString()!);
    }

    /// <summary>Headless Chromium and chromedriver from Debian's packages (deploy/lib/common.sh installs them); nothing is downloaded.</summary>
    private static ChromeDriver StartBrowser()
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium", AcceptInsecureCertificates = false };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
            "--no-first-run", "--disable-extensions", "--ignore-certificate-errors-spki-list=" + SpkiHash(Ca.ServerCertificate));
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        return driver;
    }

    /// <summary>The base64 SHA-256 of the certificate's public key: Chromium trusts exactly this key, not every certificate.</summary>
    private static string SpkiHash(string certificatePath)
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        return Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }
}
