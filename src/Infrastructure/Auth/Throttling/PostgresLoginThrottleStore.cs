using Microsoft.EntityFrameworkCore;
using Npgsql;
using PasswordManager.Application.Auth.Throttling;
using PasswordManager.Infrastructure.Auth.Persistence;

namespace PasswordManager.Infrastructure.Auth.Throttling;

internal sealed class PostgresLoginThrottleStore(AuthDbContext db) : ILoginThrottleStore
{
    // One statement, so concurrent failures on several replicas are each counted and the delay is computed from the new count.
    private const string RecordFailureSql = """
        INSERT INTO auth.login_throttles AS t (account_key, failures, last_failure_at, blocked_until)
        VALUES (@key, 1, @now, CASE WHEN @free <= 1 THEN @now + make_interval(secs => LEAST(@base, @max)) END)
        ON CONFLICT (account_key) DO UPDATE SET
            failures = t.failures + 1,
            last_failure_at = @now,
            blocked_until = CASE WHEN t.failures + 1 >= @free
                THEN @now + make_interval(secs => LEAST(@base * power(2, LEAST(t.failures + 1 - @free, 40)), @max))
                ELSE t.blocked_until END
        RETURNING failures, blocked_until
        """;

    public Task<DateTimeOffset?> BlockedUntilAsync(string accountKey, CancellationToken cancellationToken) =>
        db.LoginThrottles.AsNoTracking().Where(t => t.AccountKey == accountKey).Select(t => t.BlockedUntil).FirstOrDefaultAsync(cancellationToken);

    public async Task<ThrottleFailure> RecordFailureAsync(
        string accountKey, DateTimeOffset now, LoginThrottlePolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(RecordFailureSql, connection);
            command.Parameters.AddWithValue("key", accountKey);
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            command.Parameters.AddWithValue("free", policy.FreeFailures);
            command.Parameters.AddWithValue("base", policy.BaseDelay.TotalSeconds);
            command.Parameters.AddWithValue("max", policy.MaxDelay.TotalSeconds);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var failures = reader.GetInt32(0);
            DateTimeOffset? blockedUntil = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
            return new ThrottleFailure(failures, blockedUntil);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task ResetAsync(string accountKey, CancellationToken cancellationToken) =>
        db.LoginThrottles.Where(t => t.AccountKey == accountKey).ExecuteDeleteAsync(cancellationToken);
}
