using System.Diagnostics;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>
/// The real API (the built PasswordManager.Api.dll) as a child process on a free loopback port, with
/// stdout and stderr captured to <see cref="LogFile"/>. A watchdog kills it when its lifetime (five minutes
/// unless given) is over, even if the test run hangs, and so does the test host's exit.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan defaultLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan startupTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Timer watchdog;
    private readonly object logLock = new();

    private ServerProcess(Process process, StreamWriter log, Uri address, string dataDirectory, string logFile, TimeSpan lifetime)
    {
        this.process = process;
        this.log = log;
        Address = address;
        DataDirectory = dataDirectory;
        LogFile = logFile;
        watchdog = new Timer(_ => Kill(), null, lifetime, Timeout.InfiniteTimeSpan);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public string LogFile { get; }

    /// <summary>
    /// Starts the API with the S3 blob store (s3rver), or with the filesystem store under its data folder;
    /// <paramref name="settings"/> are extra configuration values (environment-variable names). It listens on
    /// <paramref name="address"/> (a free loopback port over plain HTTP unless given; an https:// address needs
    /// <c>Https__CertificatePath</c> and <c>Https__KeyPath</c> in the settings) and uses <paramref name="database"/>
    /// (the test database unless given). A server that requires client certificates is probed with
    /// <paramref name="readinessClientCertificate"/> (PKCS#12 without a password).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string workFolder, bool s3BlobStore = true, TimeSpan? lifetime = null, IReadOnlyDictionary<string, string>? settings = null,
        Uri? address = null, string? database = null, string? readinessClientCertificate = null)
    {
        var dataDirectory = Directory.CreateDirectory(Path.Combine(workFolder, "server-data")).FullName;
        var logFile = Path.Combine(workFolder, "server.log");
        address ??= new Uri($"http://127.0.0.1:{FreePort.Next()}");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workFolder,
        };
        start.ArgumentList.Add(BuildOutput.ApiDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        start.Environment["ConnectionStrings__Postgres"] = database ?? E2eEnvironment.Database;
        start.Environment["BlobStore__Kind"] = s3BlobStore ? "S3" : "FileSystem";
        if (s3BlobStore)
        {
            start.Environment["BlobStore__S3__Endpoint"] = E2eEnvironment.S3Endpoint;
            start.Environment["BlobStore__S3__AccessKey"] = E2eEnvironment.S3AccessKey;
            start.Environment["BlobStore__S3__SecretKey"] = E2eEnvironment.S3SecretKey;
            start.Environment["BlobStore__S3__Bucket"] = "pm-e2e";
        }

        start.Environment["DataDirectory"] = dataDirectory;
        start.Environment["RateLimiting__CredentialRequestsPerMinute"] = "100000";
        start.Environment["Email__Smtp__Host"] = "127.0.0.1";
        start.Environment["Email__Smtp__Port"] = E2eEnvironment.SmtpPort;
        start.Environment["Email__Smtp__Security"] = "None";
        start.Environment["Email__Outbox__PollInterval"] = "00:00:00.200";
        if (Environment.GetEnvironmentVariable("PM_TEST_OIDC_ISSUER") is { Length: > 0 } issuer)
        {
            start.Environment["Auth__Oidc__Providers__test__Issuer"] = issuer;
            start.Environment["Auth__Oidc__Providers__test__ClientId"] = "pm-native";
            start.Environment["Auth__Oidc__Providers__test__ClientSecret"] = "pm-native-secret";
            start.Environment["Auth__Oidc__Providers__test__RequireHttps"] = "false";
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API process.");
        var server = new ServerProcess(process, log, address, dataDirectory, logFile, lifetime ?? defaultLifetime);
        process.OutputDataReceived += (_, line) => server.Append(line.Data);
        process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilReadyAsync(readinessClientCertificate);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await watchdog.DisposeAsync();
        Kill();
        await process.WaitForExitAsync();
        lock (logLock) log.Dispose();
        process.Dispose();
    }

    private async Task WaitUntilReadyAsync(string? clientCertificate)
    {
        // Readiness only: the tests that serve HTTPS check the certificate themselves.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        if (clientCertificate is not null)
            handler.ClientCertificates.Add(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(clientCertificate, password: null));
        using var http = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < startupTimeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"The API exited with code {process.ExitCode} during startup. Log: {LogFile}");
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The API was not ready within {startupTimeout}. Log: {LogFile}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (logLock)
        {
            if (log.BaseStream.CanWrite) log.WriteLine(line);
        }
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
