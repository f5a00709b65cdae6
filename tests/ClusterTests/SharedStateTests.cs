using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.EndToEndTests.Infrastructure;
using PasswordManager.Infrastructure;

namespace PasswordManager.ClusterTests;

/// <summary>What each replica used to keep to itself is now one state for the cluster (ADR-0029).</summary>
[CancelAfter(120_000)]
public sealed class SharedStateTests
{
    [Test]
    public async Task ALoggedOutSessionIsRefusedByEveryReplicaWithinOneSecond()
    {
        var username = await ClusterClients.RegisterAsync("revoke");
        var tokens = new InMemoryTokenStore();
        using var client = ClusterClients.Connect(ClusterFixture.Balancer, tokens);
        using var account = await ClusterClients.LoginAsync(client, username);
        var accessToken = (await tokens.LoadAsync(CancellationToken.None))!.AccessToken!;
        foreach (var replica in ClusterFixture.Replicas)
            Assert.That(await SessionsStatusAsync(replica.Address, accessToken), Is.EqualTo(HttpStatusCode.OK));

        await client.Account.LogoutAsync();
        var clock = Stopwatch.StartNew();
        var refusedAfter = new TimeSpan?[ClusterFixture.Replicas.Length];
        while (refusedAfter.Any(t => t is null) && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            for (var i = 0; i < ClusterFixture.Replicas.Length; i++)
                if (refusedAfter[i] is null && await SessionsStatusAsync(ClusterFixture.Replicas[i].Address, accessToken) == HttpStatusCode.Unauthorized)
                    refusedAfter[i] = clock.Elapsed;
            await Task.Delay(20);
        }

        TestContext.Progress.WriteLine($"revocation seen after {string.Join(", ", refusedAfter.Select(t => t?.TotalMilliseconds.ToString("0") + " ms"))}");
        Assert.That(refusedAfter.Select(t => t ?? TimeSpan.MaxValue), Has.All.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task TheCredentialRateLimitHoldsForTheClusterNotPerReplica()
    {
        var address = ClusterClients.NewClientAddress().ToString();
        using var http = new HttpClient();
        async Task<HttpStatusCode> PreloginAsync(Uri server)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/api/v1/auth/prelogin"))
            {
                Content = JsonContent.Create(new { username = "nobody-in-particular" }),
            };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < ClusterFixture.CredentialRequestsPerMinute; i++) allowed.Add(await PreloginAsync(ClusterFixture.Balancer));
        var afterwards = new[]
        {
            await PreloginAsync(ClusterFixture.Balancer), await PreloginAsync(ClusterFixture.Balancer),
            await PreloginAsync(ClusterFixture.Replicas[0].Address), await PreloginAsync(ClusterFixture.Replicas[1].Address),
        };

        Assert.Multiple(() =>
        {
            Assert.That(allowed, Has.All.EqualTo(HttpStatusCode.OK));
            Assert.That(afterwards, Has.All.EqualTo(HttpStatusCode.TooManyRequests));
        });
    }

    [Test]
    public async Task UnknownRefreshTokensCountForTheClusterNotPerReplica()
    {
        var address = ClusterClients.NewClientAddress().ToString();
        using var http = new HttpClient();
        async Task<HttpStatusCode> RefreshAsync(Uri server)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/api/v1/auth/refresh"))
            {
                Content = JsonContent.Create(new { refreshToken = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) }),
            };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < ClusterFixture.CredentialRequestsPerMinute; i++) guesses.Add(await RefreshAsync(ClusterFixture.Replicas[i % 2].Address));
        var afterwards = new[] { await RefreshAsync(ClusterFixture.Replicas[0].Address), await RefreshAsync(ClusterFixture.Replicas[1].Address) };

        Assert.Multiple(() =>
        {
            Assert.That(guesses, Has.None.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(afterwards, Has.All.EqualTo(HttpStatusCode.TooManyRequests));
        });
    }

    [Test]
    public async Task VaultMaintenanceRunsOncePerIntervalAcrossBothReplicas()
    {
        const string runsSql = "SELECT runs FROM auth.job_leases WHERE name = 'vault-maintenance'";
        await WaitUntilAsync(async () => (await PostgresSql.ExecuteAsync(ClusterFixture.Database, runsSql)).Length > 0);
        var before = long.Parse(await PostgresSql.ExecuteAsync(ClusterFixture.Database, runsSql));
        var window = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(6));
        var runs = long.Parse(await PostgresSql.ExecuteAsync(ClusterFixture.Database, runsSql)) - before;
        var intervals = window.Elapsed / ClusterFixture.MaintenanceInterval;

        // Both replicas' timers fire every interval; without the lease there would be two runs per interval.
        TestContext.Progress.WriteLine($"vault maintenance ran {runs} times in {intervals:0.0} intervals");
        Assert.That(runs, Is.InRange(intervals / 2, intervals / 0.8 + 1));
    }

    [Test]
    public async Task DataProtectionKeysWrittenByOneInstanceAreReadByAnother()
    {
        await using var first = NewInstance();
        await using var second = NewInstance();
        var firstProtector = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test");
        var secondProtector = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test");

        var fromFirst = firstProtector.Protect("protected by the first instance");
        Assert.That(secondProtector.Unprotect(fromFirst), Is.EqualTo("protected by the first instance"));
        var fromSecond = secondProtector.Protect("protected by the second instance");
        Assert.That(firstProtector.Unprotect(fromSecond), Is.EqualTo("protected by the second instance"));
        Assert.That(long.Parse(await PostgresSql.ExecuteAsync(ClusterFixture.Database, "SELECT count(*) FROM auth.data_protection_keys")), Is.GreaterThan(0));
    }

    /// <summary>The server's own service registration, in this process, as a third and fourth member of the cluster.</summary>
    private static ServiceProvider NewInstance()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ClusterFixture.Database,
            ["DataDirectory"] = Path.Combine(ClusterFixture.WorkFolder, "shared-data"),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<HttpStatusCode> SessionsStatusAsync(Uri replica, string accessToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(replica, "/api/v1/auth/sessions"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("The condition did not hold within 30 s.");
            await Task.Delay(200);
        }
    }
}
