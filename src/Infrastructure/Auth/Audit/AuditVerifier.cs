using System.Data;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Audit;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Domain.Auth.Audit;
using PasswordManager.Infrastructure.Auth.Audit.Persistence;

namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary>Where a tenant's chain stops holding: the first row (by sequence) that is missing, moved, edited or unsigned.</summary>
public sealed record AuditBreak(Guid TenantId, long Sequence, Guid? EventId, string Reason);

public sealed record AuditTenantReport(Guid TenantId, long FirstSequence, long LastSequence, int Rows, int Checkpoints, AuditBreak? Break);

public sealed record AuditVerification(IReadOnlyList<AuditTenantReport> Tenants)
{
    public bool IsIntact => Tenants.All(t => t.Break is null);
}

/// <summary>
/// Re-computes every tenant's chain from its anchor (the genesis or a signed prune checkpoint), checks each checkpoint's
/// signature against the server's trusted keys and each signed head against the row at its position, and compares the
/// end of the chain with the head row and with the newest checkpoint.
/// </summary>
public sealed class AuditVerifier : IAuditChainVerifier
{
    private readonly AuditDbContext db;
    private readonly IReadOnlyList<byte[]> trustedKeys;

    internal AuditVerifier(AuditDbContext db, AuditSigner signer, AuditOptions options)
    {
        this.db = db;
        trustedKeys = [signer.PublicKey, .. options.PreviousPublicKeys.Select(Convert.FromBase64String)];
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await db.ChainAllPendingAsync(skipLocked: false, cancellationToken);
        var tenants = await db.Events.Select(e => e.TenantId)
            .Union(db.ChainHeads.Select(h => h.TenantId))
            .Union(db.Checkpoints.Select(c => c.TenantId))
            .OrderBy(t => t)
            .ToListAsync(cancellationToken);
        var reports = new List<AuditTenantReport>();
        foreach (var tenant in tenants) reports.Add(await VerifyTenantAsync(tenant, cancellationToken));
        return new AuditVerification(reports);
    }

    async Task<AuditChainStatus> IAuditChainVerifier.VerifyTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var report = await VerifyTenantAsync(tenantId, cancellationToken);
        return new AuditChainStatus(
            report.TenantId, report.Rows, report.FirstSequence, report.LastSequence, report.Checkpoints, report.Break?.Sequence, report.Break?.Reason);
    }

    public async Task<AuditTenantReport> VerifyTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await db.ChainPendingAsync(tenantId, cancellationToken);
        // One snapshot for checkpoints, head and rows: a chainer committing between two of the reads is not a break.
        await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.TenantId == tenantId)
            .OrderBy(c => c.Sequence).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var head = await db.ChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.TenantId == tenantId, cancellationToken);
        var rows = 0;
        long first = 0, expected = 0;
        byte[] previous = AuditChain.Genesis;
        AuditTenantReport Report(AuditBreak? failure) => new(tenantId, first, expected - 1, rows, checkpoints.Count, failure);
        AuditTenantReport Broken(long sequence, Guid? id, string reason) => Report(new AuditBreak(tenantId, sequence, id, reason));

        foreach (var checkpoint in checkpoints)
        {
            if (!trustedKeys.Any(k => k.AsSpan().SequenceEqual(checkpoint.PublicKey)))
                return Broken(checkpoint.Sequence, null, $"checkpoint {checkpoint.Id} is signed by a key this server does not trust");
            var message = AuditChain.CheckpointMessage(tenantId, checkpoint.Sequence, checkpoint.HeadHash, checkpoint.SignedAt, checkpoint.Reason);
            if (!AuditSigner.Verify(checkpoint.PublicKey, message, checkpoint.Signature))
                return Broken(checkpoint.Sequence, null, $"checkpoint {checkpoint.Id} has an invalid signature");
        }

        var signedHeads = checkpoints.ToLookup(c => c.Sequence, c => c.HeadHash);
        var prunes = checkpoints.Where(c => c.Reason == AuditCheckpointReasons.Prune).ToList();
        var events = db.Events.AsNoTracking().Where(e => e.TenantId == tenantId)
            .OrderBy(e => e.Sequence).ThenBy(e => e.Id).AsAsyncEnumerable();
        await foreach (var row in events.WithCancellation(cancellationToken))
        {
            if (rows == 0)
            {
                var anchor = prunes.LastOrDefault(c => c.Sequence < row.Sequence);
                (expected, previous) = anchor is null ? (1L, AuditChain.Genesis) : (anchor.Sequence + 1, anchor.HeadHash);
                first = expected;
            }

            if (row.Sequence < expected)
                return Broken(row.Sequence, row.Id, $"row {row.Sequence} appears twice or out of order");
            if (row.Sequence > expected)
                return Broken(expected, null, $"row {expected} is missing (the next row is {row.Sequence})");
            if (!row.PreviousHash.AsSpan().SequenceEqual(previous))
                return Broken(row.Sequence, row.Id, $"row {row.Sequence} does not follow row {row.Sequence - 1} (rows were deleted, inserted or reordered)");
            var computed = AuditChain.RowHash(previous, row.Id, row.Sequence, ToRecord(row));
            if (!computed.AsSpan().SequenceEqual(row.Hash))
                return Broken(row.Sequence, row.Id, $"row {row.Sequence} does not match its hash (its content was edited)");
            if (signedHeads[row.Sequence].Any(h => !h.AsSpan().SequenceEqual(row.Hash)))
                return Broken(row.Sequence, row.Id, $"the chain up to row {row.Sequence} differs from the signed checkpoint at that row (it was rewritten at or before it)");
            previous = row.Hash;
            expected++;
            rows++;
        }

        if (rows == 0)
        {
            var anchor = prunes.LastOrDefault();
            (expected, previous) = anchor is null ? (1L, AuditChain.Genesis) : (anchor.Sequence + 1, anchor.HeadHash);
            first = expected;
        }

        var last = expected - 1;
        var newestSigned = checkpoints.Count == 0 ? 0 : checkpoints.Max(c => c.Sequence);
        if (newestSigned > last)
            return Broken(last + 1, null, $"rows from {last + 1} on are missing: a signed checkpoint covers row {newestSigned}");
        if (head is not null && head.Sequence > last)
            return Broken(last + 1, null, $"rows from {last + 1} on are missing: the chain head is at row {head.Sequence}");
        if (head is not null && (head.Sequence != last || !head.Hash.AsSpan().SequenceEqual(previous)))
            return Broken(head.Sequence + 1, null, $"the chain head (row {head.Sequence}) does not match the last row {last}");
        return Report(null);
    }

    private static AuditRecord ToRecord(AuditEvent row) => new(
        row.TenantId, row.ActorId, row.Action, row.Outcome, row.ObjectType, row.ObjectId, row.OccurredAt, row.IpAddress, row.DeviceName, row.Details);
}
