using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Storage.CollectBlobGarbage;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Common.Faults;

/// <summary>
/// ADR-0030: a database or blob store that is down or too slow reaches the client as a 503 ProblemDetails with
/// Retry-After, quickly, never a hang or a 500, and a write that could not store its blob commits nothing. Each test
/// runs a second API host on the shared test database whose dependency is broken on purpose.
/// </summary>
public sealed class DependencyFailureHttpTests : TestBase
{
    [Test]
    public async Task ShouldAnswer503WithRetryAfterWithinTheConnectTimeoutWhenPostgreSqlIsUnreachable()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(TestEnvironment.Database) { Port = ClosedPort() }.ConnectionString;
        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = unreachable,
            ["Database:MigrateOnStartup"] = "false",
        });
        var me = await TestAccounts.RegisterAndLoginAsync("pg-down");
        using var client = factory.CreateClient();

        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(me.Account)),
            () => client.SendAsync(Authorized(HttpMethod.Get, "/api/v1/sync", me.AccessToken)),
        })
        {
            var watch = Stopwatch.StartNew();
            using var response = await request();
            watch.Stop();

            await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "server.database_unavailable");
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(6)), "a refused connection fails at once, whatever the connect timeout");
        }
    }

    [Test]
    public async Task ShouldAnswer503WithinTheStatementTimeoutWhileATableIsLockedAndKeepServingMeanwhile()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = TestEnvironment.Database + ";Options=-c statement_timeout=1000",
        });
        var me = await TestAccounts.RegisterAndLoginAsync("pg-slow");
        using var owner = TestApp.CreateClient(me.AccessToken);
        var vaultId = await TestVaults.CreateAsync(owner);
        var entryId = Guid.NewGuid();
        await TestVaults.PutEntryAsync(owner, vaultId, entryId, TestVaults.Ciphertext());
        using var client = factory.CreateClient();
        var path = $"/api/v1/vaults/{vaultId}/entries/{entryId}";
        using (var warmUp = await client.SendAsync(Authorized(HttpMethod.Get, path, me.AccessToken)))
            Assert.That(warmUp.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the host, its pool and its JIT are warm before the lock");

        await using (var locker = new NpgsqlConnection(TestEnvironment.Database))
        {
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE vault.entries IN ACCESS EXCLUSIVE MODE", locker, transaction))
                await lockTable.ExecuteNonQueryAsync();

            var watch = Stopwatch.StartNew();
            var reads = Enumerable.Range(0, 40).Select(_ => client.SendAsync(Authorized(HttpMethod.Get, path, me.AccessToken))).ToList();
            await Task.Delay(300);
            var liveWatch = Stopwatch.StartNew();
            using (var live = await client.GetAsync("/health/live"))
                Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(liveWatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "40 requests waiting on a lock must not stall the server");

            var responses = await Task.WhenAll(reads);
            watch.Stop();
            foreach (var response in responses)
            {
                await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "server.database_unavailable");
                Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
                response.Dispose();
            }

            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "statement_timeout is 1 s here");
            await transaction.RollbackAsync();
        }

        using var afterwards = await client.SendAsync(Authorized(HttpMethod.Get, path, me.AccessToken));
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.OK), await afterwards.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ShouldAnswer503AndCommitNoEntryWhenTheBlobStoreIsDownAndCollectTheMarkerOnceItIsBack()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["BlobStore:Kind"] = "S3",
            ["BlobStore:S3:Endpoint"] = $"127.0.0.1:{ClosedPort()}",
            ["BlobStore:S3:AccessKey"] = TestEnvironment.S3AccessKey,
            ["BlobStore:S3:SecretKey"] = TestEnvironment.S3SecretKey,
        });
        var me = await TestAccounts.RegisterAndLoginAsync("s3-down");
        using var owner = TestApp.CreateClient(me.AccessToken);
        var vaultId = await TestVaults.CreateAsync(owner);
        var entryId = Guid.NewGuid();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", me.AccessToken);

        // Larger than Vault:InlineCiphertextMaxBytes, so the ciphertext goes to the blob store before the metadata.
        using var response = await client.PutAsJsonAsync(
            $"/api/v1/vaults/{vaultId}/entries/{entryId}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext(16 * 1024) });

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "server.blob_store_unavailable");
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(await CountAsync($"SELECT count(*) FROM vault.entries WHERE id = '{entryId}'"), Is.Zero);
        var leftover = $"SELECT count(*) FROM vault.blob_garbage WHERE blob_key LIKE 'vaults/{vaultId:N}/%' AND not_before <= now()";
        Assert.That(await CountAsync(leftover), Is.EqualTo(1), "the pending marker is due at once, not after the grace period");

        await using var storeIsBack = new ApiFactory(new Dictionary<string, string?>
        {
            ["BlobStore:Kind"] = "S3",
            ["BlobStore:S3:Endpoint"] = TestEnvironment.S3Endpoint,
            ["BlobStore:S3:AccessKey"] = TestEnvironment.S3AccessKey,
            ["BlobStore:S3:SecretKey"] = TestEnvironment.S3SecretKey,
        });
        // The health check creates the bucket, as the first write would on a fresh store.
        await storeIsBack.Services.GetRequiredService<IBlobStore>().CheckHealthAsync(CancellationToken.None);
        await using (var scope = storeIsBack.Services.CreateAsyncScope())
        {
            var collected = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CollectBlobGarbageCommand(100));
            Assert.That(collected.Deleted, Is.GreaterThanOrEqualTo(1));
        }

        Assert.That(await CountAsync(leftover), Is.Zero);
    }

    [Test]
    public async Task ShouldStayReadyAndKeepServingLoginsAndSyncsWhileTheBlobStoreIsDownAndShowItInTheDependencies()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["BlobStore:Kind"] = "S3",
            ["BlobStore:S3:Endpoint"] = $"127.0.0.1:{ClosedPort()}",
            ["BlobStore:S3:AccessKey"] = TestEnvironment.S3AccessKey,
            ["BlobStore:S3:SecretKey"] = TestEnvironment.S3SecretKey,
        });
        var me = await TestAccounts.RegisterAndLoginAsync("s3-down-ready");
        using var client = factory.CreateClient();

        using (var ready = await client.GetAsync("/health/ready"))
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a blob-store outage must not take the replica out of a balancer");
        using (var dependencies = await client.GetAsync("/health/dependencies"))
        {
            Assert.That(dependencies.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            var body = await dependencies.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.That(body.GetProperty("checks").GetProperty("blob-store").GetString(), Is.EqualTo("Unhealthy"));
            Assert.That(body.GetProperty("checks").GetProperty("database").GetString(), Is.EqualTo("Healthy"));
        }

        using (var login = await client.PostAsJsonAsync("/api/v1/auth/login", TestAccounts.LoginBody(me.Account)))
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var sync = await client.SendAsync(Authorized(HttpMethod.Get, "/api/v1/sync", me.AccessToken)))
            Assert.That(sync.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ShouldAnswer503WithinTheRequestTimeoutWhenTheS3EndpointAcceptsConnectionsAndNeverAnswers()
    {
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var held = new System.Collections.Concurrent.ConcurrentBag<Socket>();
        using var stopAccepting = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true) held.Add(await blackHole.AcceptSocketAsync(stopAccepting.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });
        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["BlobStore:Kind"] = "S3",
            ["BlobStore:S3:Endpoint"] = $"127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}",
            ["BlobStore:S3:AccessKey"] = TestEnvironment.S3AccessKey,
            ["BlobStore:S3:SecretKey"] = TestEnvironment.S3SecretKey,
            ["BlobStore:S3:RequestTimeout"] = "00:00:02",
        });
        var me = await TestAccounts.RegisterAndLoginAsync("s3-silent");
        using var owner = TestApp.CreateClient(me.AccessToken);
        var vaultId = await TestVaults.CreateAsync(owner);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", me.AccessToken);

        var watch = Stopwatch.StartNew();
        using var response = await client.PutAsJsonAsync(
            $"/api/v1/vaults/{vaultId}/entries/{Guid.NewGuid()}", new { keyEpoch = 1, ciphertext = TestVaults.Ciphertext(16 * 1024) });
        watch.Stop();

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "server.blob_store_unavailable");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "RequestTimeout is 2 s here; without a bound the request hangs");
        Assert.That(held, Is.Not.Empty, "the store's connection was accepted, so only the request timeout can have ended the wait");
        await stopAccepting.CancelAsync();
        await accepting;
        foreach (var socket in held) socket.Dispose();
    }

    [Test]
    public void ShouldBoundS3RequestsByDefault()
    {
        var defaults = new PasswordManager.Infrastructure.Common.Storage.S3Options();
        Assert.That(defaults.RequestTimeout, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(defaults.ConnectTimeout, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(10)));
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string accessToken)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
