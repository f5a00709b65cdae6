using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PasswordManager.Domain.Auth.Audit;
using PasswordManager.Infrastructure.Auth.Audit.Persistence;

namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary>Signs checkpoints of moved chain heads and prunes rows past retention behind a signed checkpoint.</summary>
public sealed partial class AuditMaintenance
{
    private readonly AuditDbContext db;
    private readonly AuditSigner signer;
    private readonly AuditVerifier verifier;
    private readonly AuditOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<AuditMaintenance> logger;

    internal AuditMaintenance(
        AuditDbContext db, AuditSigner signer, AuditVerifier verifier, AuditOptions options, TimeProvider clock, ILogger<AuditMaintenance> logger)
    {
        (this.db, this.signer, this.verifier, this.options, this.clock, this.logger) = (db, signer, verifier, options, clock, logger);
    }

    /// <summary>
    /// One checkpoint per tenant whose head moved since its newest checkpoint. A tenant's chain is verified first: the
    /// server never signs a head it cannot vouch for, so a rewritten chain stays visible instead of being blessed.
    /// </summary>
    public async Task<int> CheckpointAsync(CancellationToken cancellationToken)
    {
        var heads = await db.ChainHeads.AsNoTracking().ToListAsync(cancellationToken);
        var signed = 0;
        foreach (var head in heads)
        {
            var newest = await db.Checkpoints.Where(c => c.TenantId == head.TenantId).MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
            if (head.Sequence <= newest) continue;
            var report = await verifier.VerifyTenantAsync(head.TenantId, cancellationToken);
            if (report.Break is { } broken)
            {
                LogChainBroken(logger, head.TenantId, broken.Sequence, broken.Reason);
                continue;
            }

            db.Checkpoints.Add(Sign(head.TenantId, head.Sequence, head.Hash, AuditCheckpointReasons.Periodic));
            signed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return signed;
    }

    /// <summary>
    /// Deletes each tenant's rows older than the retention, up to the first row that is not, after signing a prune
    /// checkpoint of the last deleted row's hash in the same transaction; verification starts from that checkpoint.
    /// </summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        if (options.Retention is not { } retention) return 0;
        var cutoff = clock.GetUtcNow() - retention;
        var tenants = await db.ChainHeads.AsNoTracking().Select(h => h.TenantId).ToListAsync(cancellationToken);
        var pruned = 0;
        foreach (var tenant in tenants)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var keep = await db.Events.Where(e => e.TenantId == tenant && e.OccurredAt >= cutoff).MinAsync(e => (long?)e.Sequence, cancellationToken);
            var headSequence = await db.ChainHeads.Where(h => h.TenantId == tenant).Select(h => h.Sequence).SingleAsync(cancellationToken);
            var last = (keep ?? headSequence + 1) - 1;
            var anchor = await db.Events.AsNoTracking().Where(e => e.TenantId == tenant && e.Sequence == last)
                .Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
            if (anchor is null) continue;

            db.Checkpoints.Add(Sign(tenant, last, anchor, AuditCheckpointReasons.Prune));
            await db.SaveChangesAsync(cancellationToken);
            pruned += await db.Events.Where(e => e.TenantId == tenant && e.Sequence <= last).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return pruned;
    }

    private AuditCheckpoint Sign(Guid tenantId, long sequence, byte[] headHash, string reason)
    {
        var signedAt = AuditChain.ToStoredPrecision(clock.GetUtcNow());
        var signature = signer.Sign(AuditChain.CheckpointMessage(tenantId, sequence, headHash, signedAt, reason));
        return AuditCheckpoint.Create(tenantId, sequence, headHash, signedAt, reason, signer.PublicKey, signature);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Audit chain of tenant {TenantId} is broken at row {Sequence}: {Reason}. No checkpoint signed.")]
    private static partial void LogChainBroken(ILogger logger, Guid tenantId, long sequence, string reason);
}
