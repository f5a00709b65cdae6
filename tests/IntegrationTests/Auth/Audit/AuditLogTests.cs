using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Infrastructure.Auth.Audit;
using PasswordManager.IntegrationTests.Auth.ApiKeys;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Auth.Audit;

/// <summary>The hash-chained audit log on the real database: what reaches it, and what verification finds after tampering.</summary>
public sealed class AuditLogTests : TestBase
{
    internal static readonly Guid DefaultTenant = Guid.Parse("00000000-0000-0000-0000-000000000001");

    [Test]
    public async Task SecurityEventsShouldReachTheChainInOrderWithTheirMetadata()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var wrong = await TestApp.CreateClient().PostAsJsonAsync("/api/v1/auth/login", WrongPassword(alice.Account));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var key = await TestApiKeys.CreateAsync(alice, "export");
        using (var keyClient = TestApiKeys.Client(key))
        using (var read = await keyClient.GetAsync("/api/v1/vaults"))
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var owner = TestApp.CreateClient(alice.AccessToken);
        using (await owner.DeleteAsync($"/api/v1/auth/api-keys/{key.Id}")) { }
        using (await owner.PostAsync("/api/v1/auth/logout", null)) { }

        var rows = await RowsAsync();
        Assert.That(rows.Select(r => r.Action), Is.EqualTo(new[] { "login", "login_failed", "api_key_created", "api_key_used", "api_key_revoked", "logout" }),
            string.Join(',', rows.Select(r => r.Action)));
        Assert.That(rows.Select(r => r.Sequence), Is.EqualTo(new long[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(rows.All(r => r.ActorId == alice.Account.UserId));
        Assert.That(rows[1].Outcome, Is.EqualTo("failure"));
        Assert.That(rows[0].Outcome, Is.EqualTo("success"));
        Assert.That(rows[5].ObjectId, Is.EqualTo(alice.SessionId));
        Assert.That(rows[2].Details, Does.Contain(key.Id).And.Not.Contain(key.Secret));
        Assert.That(await TestDatabase.CountAsync("auth.security_events"), Is.EqualTo(6), "the user's own log and the audit log hold the same events");

        var verification = await VerifyAsync();
        Assert.That(verification.IsIntact, Is.True);
        Assert.That(verification.Tenants.Single().LastSequence, Is.EqualTo(6));
    }

    [Test]
    public async Task ConcurrentEventsOfOneTenantShouldFormOneUnbrokenChain()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        // Four failures each stay below the throttle's free failures, so every attempt is answered and audited alike.
        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            using var client = TestApp.CreateClient();
            using var response = await client.PostAsJsonAsync("/api/v1/auth/login", WrongPassword(i % 2 == 0 ? alice.Account : bob.Account));
            return response.StatusCode;
        });
        Assert.That(await Task.WhenAll(attempts), Has.All.EqualTo(HttpStatusCode.Unauthorized));

        var rows = await RowsAsync();
        Assert.That(rows.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, 10).Select(i => (long)i)));
        Assert.That((await VerifyAsync()).IsIntact, Is.True);
    }

    [Test]
    public async Task VerifyShouldNameAnEditedRow()
    {
        await MakeEventsAsync(4);
        await SqlAsync($"UPDATE audit.events SET details = '{{\"method\":\"magic\"}}' WHERE tenant_id = '{DefaultTenant}' AND sequence = 2");

        var failure = (await VerifyAsync()).Tenants.Single().Break!;
        Assert.That(failure.Sequence, Is.EqualTo(2));
        Assert.That(failure.Reason, Does.Contain("edited"));
    }

    [Test]
    public async Task VerifyShouldNameADeletedRow()
    {
        await MakeEventsAsync(4);
        await SqlAsync($"DELETE FROM audit.events WHERE tenant_id = '{DefaultTenant}' AND sequence = 3");

        var failure = (await VerifyAsync()).Tenants.Single().Break!;
        Assert.That(failure.Sequence, Is.EqualTo(3));
        Assert.That(failure.Reason, Does.Contain("missing"));
    }

    [Test]
    public async Task VerifyShouldNameReorderedRows()
    {
        await MakeEventsAsync(4);
        await SqlAsync($"""
            UPDATE audit.events SET sequence = CASE sequence WHEN 2 THEN 3 ELSE 2 END
            WHERE tenant_id = '{DefaultTenant}' AND sequence IN (2, 3)
            """);

        var failure = (await VerifyAsync()).Tenants.Single().Break!;
        Assert.That(failure.Sequence, Is.EqualTo(2));
        Assert.That(failure.Reason, Does.Contain("does not follow"));
    }

    [Test]
    public async Task VerifyShouldNoticeATruncatedTail()
    {
        await MakeEventsAsync(4);
        await SqlAsync($"DELETE FROM audit.events WHERE tenant_id = '{DefaultTenant}' AND sequence >= 3");

        var failure = (await VerifyAsync()).Tenants.Single().Break!;
        Assert.That(failure.Sequence, Is.EqualTo(3));
        Assert.That(failure.Reason, Does.Contain("missing"));
    }

    [Test]
    public async Task AChainRewrittenWithValidHashesShouldStillFailAgainstTheSignedCheckpoint()
    {
        await MakeEventsAsync(4);
        Assert.That(await MaintenanceAsync(m => m.CheckpointAsync(CancellationToken.None)), Is.EqualTo(1));

        // An attacker who knows the hash function recomputes every hash after editing row 2, head included.
        await SqlAsync($"UPDATE audit.events SET ip_address = '198.51.100.7' WHERE tenant_id = '{DefaultTenant}' AND sequence = 2");
        await RechainAsync();
        var failure = (await VerifyAsync()).Tenants.Single().Break!;
        Assert.That(failure.Reason, Does.Contain("signed checkpoint"));
        Assert.That(failure.Sequence, Is.EqualTo(4));

        Assert.That(await MaintenanceAsync(m => m.CheckpointAsync(CancellationToken.None)), Is.Zero, "a rewritten chain is never signed");
    }

    [Test]
    public async Task AForgedCheckpointSignatureShouldBeReported()
    {
        await MakeEventsAsync(2);
        await MaintenanceAsync(m => m.CheckpointAsync(CancellationToken.None));
        await SqlAsync("UPDATE audit.checkpoints SET signature = set_byte(signature, 0, (get_byte(signature, 0) + 1) % 256)");

        var failure = (await VerifyAsync()).Tenants.Single().Break!;
        Assert.That(failure.Reason, Does.Contain("invalid signature"));
    }

    [Test]
    public async Task PruningShouldLeaveASignedCheckpointSoTheRestStillVerifies()
    {
        await MakeEventsAsync(3);
        await Task.Delay(50);
        var kept = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await MakeEventsAsync(2);
        var options = TestApp.Factory.Services.GetRequiredService<AuditOptions>();
        try
        {
            options.Retention = DateTimeOffset.UtcNow - kept;
            Assert.That(await MaintenanceAsync(m => m.PruneAsync(CancellationToken.None)), Is.EqualTo(3));
        }
        finally
        {
            options.Retention = null;
        }

        var rows = await RowsAsync();
        Assert.That(rows.Select(r => r.Sequence), Is.EqualTo(new long[] { 4, 5 }));
        var report = (await VerifyAsync()).Tenants.Single();
        Assert.That(report.Break, Is.Null);
        Assert.That((report.FirstSequence, report.LastSequence), Is.EqualTo((4L, 5L)));

        await MakeEventsAsync(1);
        Assert.That((await VerifyAsync()).IsIntact, Is.True, "appends continue the pruned chain");

        await SqlAsync("DELETE FROM audit.checkpoints WHERE reason = 'prune'");
        var failure = (await VerifyAsync()).Tenants.Single().Break!;
        Assert.That(failure.Sequence, Is.EqualTo(1));
        Assert.That(failure.Reason, Does.Contain("missing"));
    }

    [Test]
    public async Task TheCommandLineShouldExitZeroWhenIntactAndOneAtTheFirstBreak()
    {
        await MakeEventsAsync(3);
        using (var output = new StringWriter())
        {
            Assert.That(await AuditCommandLine.RunAsync(["audit", "verify"], TestApp.Factory.Services, output, CancellationToken.None), Is.Zero);
            Assert.That(output.ToString(), Does.Contain($"tenant {DefaultTenant}: ok, rows 1..3"));
        }

        await SqlAsync($"UPDATE audit.events SET action = 'api_key_used' WHERE tenant_id = '{DefaultTenant}' AND sequence = 2");
        using (var output = new StringWriter())
        {
            Assert.That(await AuditCommandLine.RunAsync(["audit", "verify"], TestApp.Factory.Services, output, CancellationToken.None), Is.EqualTo(1));
            Assert.That(output.ToString(), Does.Contain($"tenant {DefaultTenant}: BROKEN at row 2"));
        }
    }

    [Test]
    public async Task AnAuditRowShouldRollBackWithItsTransaction()
    {
        await MakeEventsAsync(1);
        await ChainAsync(DefaultTenant);
        await using (var scope = TestApp.Factory.Services.CreateAsyncScope())
        {
            await using var connection = new NpgsqlConnection(TestEnvironment.Database);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<IAuditTrail>().AppendAsync(transaction, [Record("login")], CancellationToken.None);
            await transaction.RollbackAsync();
        }

        Assert.That(await TestDatabase.CountAsync("audit.pending_events"), Is.Zero, "nothing queued for the chainer either");
        Assert.That((await RowsAsync()).Select(r => r.Sequence), Is.EqualTo(new long[] { 1 }));
        await MakeEventsAsync(1);
        Assert.That((await VerifyAsync()).IsIntact, Is.True);
    }

    internal static AuditRecord Record(string action, Guid? tenant = null, Guid? actor = null) =>
        new(tenant ?? DefaultTenant, actor ?? Guid.NewGuid(), action, AuditOutcomes.Success, null, null, DateTimeOffset.UtcNow, "127.0.0.1", "test");

    internal static async Task AppendAsync(params AuditRecord[] records)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await TestApp.Factory.Services.GetRequiredService<IAuditTrail>().AppendAsync(transaction, records, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>The tenant's chained rows, after chaining what its requests queued (as every reader of the log does).</summary>
    internal static async Task<List<AuditRow>> RowsAsync(Guid? tenant = null)
    {
        await ChainAsync(tenant ?? DefaultTenant);
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT sequence, action, outcome, actor_id, object_id, details FROM audit.events WHERE tenant_id = $1 ORDER BY sequence", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenant ?? DefaultTenant });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    internal static async Task<int> ChainAsync(Guid tenant)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PasswordManager.Infrastructure.Auth.Audit.Persistence.AuditDbContext>()
            .ChainPendingAsync(tenant, CancellationToken.None);
    }

    internal static async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static System.Text.Json.Nodes.JsonObject WrongPassword(TestAccount account)
    {
        var body = TestAccounts.LoginBody(account);
        body["authHash"] = Convert.ToBase64String(new byte[32]);
        return body;
    }

    /// <summary>Appends and chains, as a committed action and the chainer after it do.</summary>
    private static async Task MakeEventsAsync(int count)
    {
        await AppendAsync([.. Enumerable.Range(0, count).Select(i => Record(i % 2 == 0 ? "login" : "logout"))]);
        Assert.That(await ChainAsync(DefaultTenant), Is.EqualTo(count));
    }

    private static async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }

    private static async Task<int> MaintenanceAsync(Func<AuditMaintenance, Task<int>> run)
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<AuditMaintenance>());
    }

    /// <summary>Recomputes every row's previous hash and hash, and the head, as someone holding the database and this source would.</summary>
    private static async Task RechainAsync()
    {
        await using var scope = TestApp.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PasswordManager.Infrastructure.Auth.Audit.Persistence.AuditDbContext>();
        var previous = AuditChain.Genesis;
        foreach (var row in db.Events.Where(e => e.TenantId == DefaultTenant).OrderBy(e => e.Sequence).ToList())
        {
            var record = new AuditRecord(
                row.TenantId, row.ActorId, row.Action, row.Outcome, row.ObjectType, row.ObjectId, row.OccurredAt, row.IpAddress, row.DeviceName, row.Details);
            var hash = AuditChain.RowHash(previous, row.Id, row.Sequence, record);
            await using var connection = new NpgsqlConnection(TestEnvironment.Database);
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE audit.events SET previous_hash = $1, hash = $2 WHERE id = $3", connection);
            update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = previous });
            update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = row.Id });
            await update.ExecuteNonQueryAsync();
            previous = hash;
        }

        await using var headConnection = new NpgsqlConnection(TestEnvironment.Database);
        await headConnection.OpenAsync();
        await using var head = new NpgsqlCommand("UPDATE audit.chain_heads SET hash = $1 WHERE tenant_id = $2", headConnection);
        head.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = previous });
        head.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = DefaultTenant });
        await head.ExecuteNonQueryAsync();
    }
}

internal sealed record AuditRow(long Sequence, string Action, string Outcome, Guid? ActorId, Guid? ObjectId, string? Details);
