using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.ReEncryption.GetReEncryptionProgress;

public sealed record GetReEncryptionProgressQuery(TenantId TenantId, string EncryptionId) : IQuery<Result<ReEncryptionProgress>>;

/// <summary>
/// Progress of moving the context's registered fields to the newest version. <see cref="Status"/> is null when no
/// job ever ran; <see cref="Remaining"/> counts fields not yet on the newest version, live.
/// </summary>
public sealed record ReEncryptionProgress(
    string EncryptionId,
    ReEncryptionStatus? Status,
    int LatestVersion,
    Guid? TargetVersionId,
    long Processed,
    long Remaining,
    long TotalFields,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? CompletedAt,
    string? LastError);

public sealed class GetReEncryptionProgressQueryHandler(IEncryptionDbContext db)
    : IQueryHandler<GetReEncryptionProgressQuery, Result<ReEncryptionProgress>>
{
    public async ValueTask<Result<ReEncryptionProgress>> Handle(GetReEncryptionProgressQuery query, CancellationToken cancellationToken)
    {
        var context = await db.Contexts.AsNoTracking().Include(c => c.Versions)
            .SingleOrDefaultAsync(c => c.TenantId == query.TenantId && c.EncryptionId == query.EncryptionId, cancellationToken);
        if (context is null) return new EncryptionContextNotFound();
        var latestId = context.Versions.Single(v => v.Version == context.LatestVersion).Id;

        var fields = db.EncryptedFields.AsNoTracking().Where(f => f.TenantId == query.TenantId && f.EncryptionId == query.EncryptionId);
        var total = await fields.LongCountAsync(cancellationToken);
        var remaining = await fields.LongCountAsync(f => f.VersionId != latestId, cancellationToken);
        var job = await db.ReEncryptionJobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.TenantId == query.TenantId && j.EncryptionId == query.EncryptionId, cancellationToken);
        return new ReEncryptionProgress(
            context.EncryptionId, job?.Status, context.LatestVersion, job?.TargetVersionId, job?.Processed ?? 0, remaining, total,
            job?.UpdatedAt, job?.CompletedAt, job?.LastError);
    }
}
