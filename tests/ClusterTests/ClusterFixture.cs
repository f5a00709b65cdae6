using System.Diagnostics;
using PasswordManager.EndToEndTests.Infrastructure;

namespace PasswordManager.ClusterTests;

/// <summary>
/// Two real API processes on one fresh PostgreSQL database, the suite's s3rver and a redis-server of their own, behind
/// an HAProxy that balances round-robin and checks <c>/health/live</c> — the shape of <c>deploy/cluster.sh 2</c>, over
/// plain HTTP on loopback. One cluster for the whole assembly; everything is stopped afterwards, also when tests fail.
/// </summary>
[SetUpFixture]
public sealed class ClusterFixture
{
    /// <summary>Credential requests (prelogin, login, register) per client address and minute, for the whole cluster.</summary>
    internal const int CredentialRequestsPerMinute = 40;

    internal static readonly TimeSpan MaintenanceInterval = TimeSpan.FromSeconds(1);

    private static readonly List<Process> services = [];

    internal static Uri Balancer { get; private set; } = null!;

    internal static ServerProcess[] Replicas { get; private set; } = [];

    internal static string Database { get; private set; } = null!;

    internal static string WorkFolder { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        WorkFolder = Directory.CreateTempSubdirectory("pm-cluster-").FullName;
        Database = await TestDatabases.CreateAsync();
        var redisPort = FreePort.Next();
        StartService("redis-server", WorkFolder, "--bind", "127.0.0.1", "--port", redisPort.ToString(), "--save", "", "--appendonly", "no");

        var shared = new Dictionary<string, string>
        {
            // One data folder, as deploy/cluster.sh gives its replicas: the same generated JWT and audit signing keys.
            ["DataDirectory"] = Directory.CreateDirectory(Path.Combine(WorkFolder, "shared-data")).FullName,
            ["Redis__Configuration"] = $"127.0.0.1:{redisPort}",
            ["RateLimiting__CredentialRequestsPerMinute"] = CredentialRequestsPerMinute.ToString(),
            // HAProxy appends the address it saw; a test that sends its own X-Forwarded-For is one hop further out.
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["ForwardedHeaders__ForwardLimit"] = "2",
            ["Vault__GarbageCollectionInterval"] = MaintenanceInterval.ToString(),
        };
        // The first replica applies the migrations; the second starts on a migrated database, as deploy/cluster.sh does.
        var first = await ServerProcess.StartAsync(Directory.CreateDirectory(Path.Combine(WorkFolder, "replica-1")).FullName,
            lifetime: TimeSpan.FromMinutes(15), settings: shared, database: Database);
        var second = await ServerProcess.StartAsync(Directory.CreateDirectory(Path.Combine(WorkFolder, "replica-2")).FullName,
            lifetime: TimeSpan.FromMinutes(15), settings: new Dictionary<string, string>(shared) { ["Database__MigrateOnStartup"] = "false" },
            database: Database);
        Replicas = [first, second];

        var balancerPort = FreePort.Next();
        var config = Path.Combine(WorkFolder, "haproxy.cfg");
        await File.WriteAllTextAsync(config, $$"""
            global
                maxconn 2048
            defaults
                mode http
                option redispatch 1
                retries 2
                timeout connect 5s
                timeout client 2m
                timeout server 2m
            frontend api
                bind 127.0.0.1:{{balancerPort}}
                option forwardfor
                default_backend replicas
            backend replicas
                balance roundrobin
                option httpchk
                http-check send meth GET uri /health/live ver HTTP/1.1 hdr Host localhost
                http-check expect status 200
                default-server inter 1s fall 2 rise 1
                server replica-1 {{first.Address.Host}}:{{first.Address.Port}} check
                server replica-2 {{second.Address.Host}}:{{second.Address.Port}} check

            """);
        StartService(File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy", WorkFolder, "-db", "-f", config);
        Balancer = new Uri($"http://127.0.0.1:{balancerPort}");
        await WaitForBalancerAsync();
        TestContext.Progress.WriteLine($"cluster: balancer {Balancer}, replicas {first.Address} and {second.Address}, work folder {WorkFolder}");
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        foreach (var service in services)
        {
            if (!service.HasExited) service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
            service.Dispose();
        }

        foreach (var replica in Replicas) await replica.DisposeAsync();
        if (WorkFolder is not null && TestContext.CurrentContext.Result.FailCount == 0) Directory.Delete(WorkFolder, recursive: true);
    }

    private static void StartService(string fileName, string workFolder, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false, WorkingDirectory = workFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) TestContext.Progress.WriteLine($"{Path.GetFileName(fileName)}: {line.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        services.Add(process);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { } };
    }

    private static async Task WaitForBalancerAsync()
    {
        using var http = new HttpClient { BaseAddress = Balancer, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var readyInARow = 0;
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                readyInARow = response.IsSuccessStatusCode ? readyInARow + 1 : 0;
                if (readyInARow >= 4) return;
            }
            catch (HttpRequestException)
            {
                readyInARow = 0;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("HAProxy did not route to both replicas within 30 s.");
    }
}
