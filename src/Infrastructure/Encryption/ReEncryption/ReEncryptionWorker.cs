using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasswordManager.Application.Contracts.Encryption;
using PasswordManager.Domain.Encryption;
using PasswordManager.Infrastructure.Encryption.Persistence;

namespace PasswordManager.Infrastructure.Encryption.ReEncryption;

internal sealed class ReEncryptionOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 200;

    /// <summary>How long a claimed job stays with a replica without progress before another may take it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Moves registered encrypted fields to the newest key version after a rotation. Safe in many replicas: a job is
/// claimed with a lease taken by <c>FOR UPDATE SKIP LOCKED</c>, each batch commits its rows together with the job's
/// cursor and progress, and a crashed replica's lease simply expires, so another resumes from the cursor.
/// </summary>
internal sealed partial class ReEncryptionWorker(
    IServiceScopeFactory scopes, ReEncryptionOptions options, TimeProvider clock, ILogger<ReEncryptionWorker> logger) : BackgroundService
{
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunOnceAsync(stoppingToken)) await Task.Delay(options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailure(logger, e);
                await Task.Delay(options.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>Claims one job and works it to the end (or failure); false when there was nothing to claim.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EncryptionDbContext>();
        var encryption = scope.ServiceProvider.GetRequiredService<IEncryptionService>();

        var jobId = await ClaimAsync(db, cancellationToken);
        if (jobId is null) return false;

        while (await RunBatchAsync(db, encryption, jobId.Value, cancellationToken))
            db.DiscardChanges();
        return true;
    }

    private async Task<Guid?> ClaimAsync(EncryptionDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE encryption.reencryption_jobs
               SET status = 'Running', lease_owner = {Owner}, lease_expires_at = {now + options.LeaseDuration}, updated_at = {now}
             WHERE id = (SELECT id FROM encryption.reencryption_jobs
                          WHERE status IN ('Pending', 'Running') AND (lease_expires_at IS NULL OR lease_expires_at < {now})
                          ORDER BY updated_at
                          LIMIT 1
                          FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }

    /// <summary>One batch in one transaction; true while there is more to do.</summary>
    private async Task<bool> RunBatchAsync(EncryptionDbContext db, IEncryptionService encryption, Guid jobId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.ReEncryptionJobs
            .FromSql($"SELECT * FROM encryption.reencryption_jobs WHERE id = {jobId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        // The lease moved on (expired and taken over, or the job was re-targeted): stop quietly.
        if (job is null || job.LeaseOwner != Owner || job.Status != ReEncryptionStatus.Running) return false;

        var now = clock.GetUtcNow();
        var cursor = job.Cursor ?? Guid.Empty;
        var rows = await db.EncryptedFields
            .FromSql($"""
                SELECT * FROM encryption.encrypted_fields
                 WHERE tenant_id = {job.TenantId.Value} AND encryption_id = {job.EncryptionId}
                   AND version_id <> {job.TargetVersionId} AND id > {cursor}
                 ORDER BY id
                 LIMIT {options.BatchSize}
                 FOR UPDATE
                """)
            .ToListAsync(cancellationToken);

        if (rows.Count == 0)
        {
            if (job.Cursor is null) job.Complete(now);
            else job.RestartPass(now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return job.Status == ReEncryptionStatus.Running;
        }

        var rewrapped = await encryption.RewrapAsync(
            job.TenantId, [.. rows.Select(r => new EncryptedPayload(r.EncryptionId, r.VersionId, r.CipherText, r.Nonce))], cancellationToken);
        if (rewrapped.IsFailure)
        {
            job.Fail(rewrapped.Error.Code, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        if (rewrapped.Value.Any(p => p.EncryptionVersionId != job.TargetVersionId))
        {
            // This replica's cached view of the context predates the rotation; back off until the cache catches up.
            await transaction.RollbackAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync(
                $"UPDATE encryption.reencryption_jobs SET lease_expires_at = {now + options.PollInterval} WHERE id = {jobId}", cancellationToken);
            return false;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var payload = rewrapped.Value[i];
            rows[i].Store(payload.EncryptionVersionId, payload.CipherText, payload.Nonce, now);
        }

        job.Advance(rows[^1].Id, rows.Count, now);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE encryption.reencryption_jobs SET lease_expires_at = {now + options.LeaseDuration} WHERE id = {jobId}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The re-encryption job failed; it will be retried.")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
