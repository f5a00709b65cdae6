using Npgsql;

namespace PasswordManager.Infrastructure.Common.Jobs;

/// <summary>
/// Makes a periodic job run once per interval across every replica on the same database (ADR-0029). A replica whose
/// timer fires claims the job's row in <c>auth.job_leases</c> with one conditional upsert: it wins only if no other
/// replica holds an unexpired lease and the last run started at least four fifths of an interval ago (by the
/// database's clock, so replicas' clocks do not matter). The fifth is slack for timer jitter, so a single replica
/// never skips its own next tick. A replica that dies mid-run leaves a lease that expires after
/// <see cref="LeaseDuration"/>; the jobs are safe to repeat, so that only delays the next run.
/// </summary>
internal sealed class JobLeases(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);

    /// <summary>This process, as recorded in the lease row (host and process id are for operators reading the table).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Runs <paramref name="job"/> if this replica wins this interval's lease; false when another replica has it.</summary>
    public async Task<bool> RunOnceAcrossReplicasAsync(string name, TimeSpan interval, Func<CancellationToken, Task> job, CancellationToken cancellationToken)
    {
        if (!await TryClaimAsync(name, interval, cancellationToken)) return false;
        try
        {
            await job(cancellationToken);
        }
        finally
        {
            await ReleaseAsync(name, CancellationToken.None);
        }

        return true;
    }

    private async Task<bool> TryClaimAsync(string name, TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO auth.job_leases (name, owner, lease_expires_at, last_started_at, runs)
            VALUES ($1, $2, now() + $3, now(), 1)
            ON CONFLICT (name) DO UPDATE
               SET owner = excluded.owner, lease_expires_at = excluded.lease_expires_at,
                   last_started_at = excluded.last_started_at, runs = job_leases.runs + 1
             WHERE job_leases.lease_expires_at <= now() AND job_leases.last_started_at <= now() - $4
            RETURNING 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = Owner });
        command.Parameters.Add(new NpgsqlParameter { Value = LeaseDuration });
        command.Parameters.Add(new NpgsqlParameter { Value = interval * 0.8 });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private async Task ReleaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE auth.job_leases SET lease_expires_at = now() WHERE name = $1 AND owner = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = Owner });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
