using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PasswordManager.Application.Auth.Audit;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Infrastructure.Auth.Audit;
using PasswordManager.Infrastructure.Auth.Audit.Persistence;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Auth.Audit.AuditLogTests;

namespace PasswordManager.IntegrationTests.Auth.Audit;

/// <summary>
/// ADR-0034 on the real database: requests queue audit events in their own transaction, chainers place them in the
/// tenant's chain exactly once and without gaps, however many append and chain at once, and readers chain first.
/// </summary>
public sealed class AuditQueueTests : TestBase
{
    [Test]
    public async Task ACommittedEventShouldWaitInTheQueueUntilChainedAndThenFollowTheChainInOrder()
    {
        await AppendAsync(Record("login"), Record("api_key_created"), Record("logout"));

        Assert.That(await TestDatabase.CountAsync("audit.pending_events"), Is.EqualTo(3));
        Assert.That(await TestDatabase.CountAsync("audit.events"), Is.Zero, "the request's transaction locks and writes no chain row");
        Assert.That(await ChainAsync(DefaultTenant), Is.EqualTo(3));
        Assert.That(await ChainAsync(DefaultTenant), Is.Zero, "a second run finds nothing left");
        Assert.That(await TestDatabase.CountAsync("audit.pending_events"), Is.Zero);

        var rows = await RowsAsync();
        Assert.That(rows.Select(r => (r.Sequence, r.Action)), Is.EqualTo(new[] { (1L, "login"), (2L, "api_key_created"), (3L, "logout") }));
        Assert.That((await VerifyAllAsync()).IsIntact, Is.True);
    }

    [Test]
    public async Task ManyConnectionsAppendingWhileChainersRunShouldChainEveryEventExactlyOnceWithoutGaps()
    {
        using var stop = new CancellationTokenSource();
        var chainers = new[]
        {
            ChainUntilStoppedAsync(db => db.ChainAllPendingAsync(skipLocked: true, CancellationToken.None), stop.Token),
            ChainUntilStoppedAsync(db => db.ChainAllPendingAsync(skipLocked: true, CancellationToken.None), stop.Token),
            ChainUntilStoppedAsync(db => db.ChainPendingAsync(DefaultTenant, CancellationToken.None), stop.Token),
        };
        var appenders = Enumerable.Range(0, 40).Select(async i =>
        {
            var records = Enumerable.Range(0, 1 + (i % 3)).Select(j => Record("login") with { Details = $$"""{"n":"{{i}}.{{j}}"}""" }).ToArray();
            await AppendAsync(records);
            return records.Select(r => r.Details!);
        }).ToList();
        var appended = (await Task.WhenAll(appenders)).SelectMany(d => d).ToList();
        await stop.CancelAsync();
        var chainedByRunners = (await Task.WhenAll(chainers)).Sum();
        var chainedAtEnd = await ChainAsync(DefaultTenant);

        Assert.That(chainedByRunners + chainedAtEnd, Is.EqualTo(appended.Count), "each event is chained once");
        Assert.That(chainedByRunners, Is.GreaterThan(0), "the chainers ran while requests appended");
        var rows = await RowsAsync();
        Assert.That(rows.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, appended.Count).Select(i => (long)i)));
        Assert.That(rows.Select(r => r.Details), Is.EquivalentTo(appended));
        Assert.That(await TestDatabase.CountAsync("audit.pending_events"), Is.Zero);
        Assert.That((await VerifyAllAsync()).IsIntact, Is.True);
    }

    [Test]
    public async Task ChainersRacingOverOneQueueShouldNeverChainAnEventTwice()
    {
        var count = AuditChainer.BatchSize * 2 + 17;
        await AppendAsync([.. Enumerable.Range(0, count).Select(i => Record("login") with { Details = $$"""{"n":{{i}}}""" })]);
        var otherTenant = Guid.NewGuid();
        await AppendAsync(Record("login", otherTenant), Record("logout", otherTenant));

        var races = await Task.WhenAll(
            ChainOnceAsync(db => db.ChainAllPendingAsync(skipLocked: true, CancellationToken.None)),
            ChainOnceAsync(db => db.ChainAllPendingAsync(skipLocked: true, CancellationToken.None)),
            ChainOnceAsync(db => db.ChainAllPendingAsync(skipLocked: false, CancellationToken.None)),
            ChainOnceAsync(db => db.ChainPendingAsync(DefaultTenant, CancellationToken.None)),
            ChainOnceAsync(db => db.ChainPendingAsync(DefaultTenant, CancellationToken.None)));

        Assert.That(races.Sum(), Is.EqualTo(count + 2), string.Join(", ", races));
        var rows = await RowsAsync();
        Assert.That(rows.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, count).Select(i => (long)i)));
        Assert.That(rows.Select(r => r.Details).Distinct().Count(), Is.EqualTo(count));
        Assert.That((await RowsAsync(otherTenant)).Select(r => r.Sequence), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That((await VerifyAllAsync()).IsIntact, Is.True);
    }

    [Test]
    public async Task ReadingTheLogShouldChainTheTenantsQueuedEventsFirst()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        Assert.That(await TestDatabase.CountAsync("audit.pending_events"), Is.EqualTo(1), "the login waits for the chainer");

        using var admin = TestApp.CreateClient(alice.AccessToken);
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/events");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(e => (e.GetProperty("sequence").GetInt64(), e.GetProperty("action").GetString())), Is.EqualTo(new[] { (1L, "login") }));
        Assert.That(await TestDatabase.CountAsync("audit.pending_events"), Is.Zero);

        await AppendAsync(Record("logout"), Record("login"));
        await using (var scope = TestApp.Factory.Services.CreateAsyncScope())
        {
            var status = await scope.ServiceProvider.GetRequiredService<IAuditChainVerifier>().VerifyTenantAsync(DefaultTenant, CancellationToken.None);
            Assert.That((status.Intact, status.Rows, status.LastSequence), Is.EqualTo((true, 3, 3L)), "verification chains first too");
        }

        await AppendAsync(Record("logout"));
        using var output = new StringWriter();
        Assert.That(await AuditCommandLine.RunAsync(["audit", "verify"], TestApp.Factory.Services, output, CancellationToken.None), Is.Zero);
        Assert.That(output.ToString(), Does.Contain($"tenant {DefaultTenant}: ok, rows 1..4"));
    }

    [Test]
    public async Task AnEventQueuedAfterTamperingShouldNotHideIt()
    {
        await AppendAsync(Record("login"), Record("logout"), Record("login"));
        await ChainAsync(DefaultTenant);
        await SqlAsync($"DELETE FROM audit.events WHERE tenant_id = '{DefaultTenant}' AND sequence = 3");

        await AppendAsync(Record("logout"));
        var report = (await VerifyAllAsync()).Tenants.Single();
        Assert.That(report.Break?.Sequence, Is.EqualTo(3), "the next event follows the head, so the deleted newest row stays missing");
        Assert.That(report.Break?.Reason, Does.Contain("missing"));
    }

    [Test]
    public async Task AChainWrittenBeforeTheQueueShouldContinueFromItsHead()
    {
        // Three rows and a head as ADR-0025's in-transaction append left them.
        var previous = AuditChain.Genesis;
        for (var sequence = 1L; sequence <= 3; sequence++)
        {
            var record = Record(sequence == 2 ? "logout" : "login") with { OccurredAt = AuditChain.ToStoredPrecision(DateTimeOffset.UtcNow) };
            var id = Guid.CreateVersion7(record.OccurredAt);
            var hash = AuditChain.RowHash(previous, id, sequence, record);
            await ExecuteAsync(
                """
                INSERT INTO audit.events (id, tenant_id, sequence, occurred_at, actor_id, action, outcome, ip_address, device_name, previous_hash, hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """,
                id, record.TenantId, sequence, record.OccurredAt, record.ActorId!.Value, record.Action, record.Outcome, record.IpAddress!, record.DeviceName!, previous, hash);
            previous = hash;
        }

        await ExecuteAsync("INSERT INTO audit.chain_heads (tenant_id, sequence, hash) VALUES ($1, 3, $2)", DefaultTenant, previous);
        Assert.That((await VerifyAllAsync()).IsIntact, Is.True, "the arranged chain is a valid one");

        await AppendAsync(Record("api_key_created"), Record("logout"));
        var rows = await RowsAsync();
        Assert.That(rows.Select(r => (r.Sequence, r.Action)), Is.EqualTo(new[]
        {
            (1L, "login"), (2L, "logout"), (3L, "login"), (4L, "api_key_created"), (5L, "logout"),
        }));
        Assert.That((await VerifyAllAsync()).IsIntact, Is.True);
    }

    [Test]
    public async Task TheBackgroundChainerShouldChainQueuedEventsWithoutAReader()
    {
        var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["Audit:ChainInBackground"] = "true",
            ["Audit:ChainInterval"] = "00:00:00.050",
        });
        try
        {
            using (factory.CreateClient()) { }
            await using (var connection = new NpgsqlConnection(TestEnvironment.Database))
            {
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await factory.Services.GetRequiredService<IAuditTrail>().AppendAsync(transaction, [Record("login"), Record("logout")], CancellationToken.None);
                await transaction.CommitAsync();
            }

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await TestDatabase.CountAsync("audit.events") < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.That(await TestDatabase.CountAsync("audit.events"), Is.EqualTo(2));
            Assert.That(await TestDatabase.CountAsync("audit.pending_events"), Is.Zero);
        }
        finally
        {
            // Stops its chainer before the next test resets the database.
            await factory.DisposeAsync();
        }

        Assert.That((await VerifyAllAsync()).IsIntact, Is.True);
    }

    private static async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> ChainOnceAsync(Func<AuditDbContext, Task<int>> chain)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        return await chain(scope.ServiceProvider.GetRequiredService<AuditDbContext>());
    }

    private static async Task<int> ChainUntilStoppedAsync(Func<AuditDbContext, Task<int>> chain, CancellationToken stop)
    {
        var chained = 0;
        while (!stop.IsCancellationRequested)
        {
            chained += await ChainOnceAsync(chain);
            await Task.Delay(5, CancellationToken.None);
        }

        return chained;
    }

    private static async Task<AuditVerification> VerifyAllAsync()
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }
}
