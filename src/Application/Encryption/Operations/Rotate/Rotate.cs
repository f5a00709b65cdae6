using PasswordManager.Application.Contracts.Auth.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Operations.Rotate;

public sealed record RotateCommand(TenantId TenantId, string EncryptionId, string? MasterKey) : ICommand<Result<RotateResult>>;

public sealed record RotateResult(Guid NewVersionId, int Version);

public sealed record ConcurrentKeyChange()
    : ConflictError("encryption.concurrent_change", "The encryption context was changed at the same time; retry.");

public sealed class RotateCommandHandler(IEncryptionDbContext db, IKeyRing keys, EncryptionAudit audit, TimeProvider clock)
    : ICommandHandler<RotateCommand, Result<RotateResult>>
{
    public async ValueTask<Result<RotateResult>> Handle(RotateCommand command, CancellationToken cancellationToken)
    {
        var masterKey = WireFormat.MasterKey(command.MasterKey);
        var context = await db.Contexts.Include(c => c.Versions)
            .SingleOrDefaultAsync(c => c.TenantId == command.TenantId && c.EncryptionId == command.EncryptionId, cancellationToken);
        if (context is null) return new EncryptionContextNotFound();

        // Prove the caller's master key unlocks the context before adding a version wrapped by it; otherwise a
        // typo in X-Master-Key would create a version that the real key can never open.
        var snapshot = context.ToSnapshot();
        var check = keys.Unlock(snapshot, snapshot.Latest, masterKey);
        if (check.IsFailure) return check.Error;

        var now = clock.GetUtcNow();
        var version = context.Rotate(id => keys.NewWrappedKey(command.TenantId, command.EncryptionId, id, masterKey), now);
        db.KeyVersions.Add(version);
        await RetargetReEncryptionAsync(context, version, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(
                audit.Record(command.TenantId, AuditActions.EncryptionKeyRotated, command.EncryptionId, version.Version), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another rotation took the same version number: the unique index decided.
            return new ConcurrentKeyChange();
        }
        finally
        {
            keys.Invalidate(command.TenantId, command.EncryptionId);
        }

        return new RotateResult(version.Id, version.Version);
    }

    private async Task RetargetReEncryptionAsync(EncryptionContext context, EncryptionKeyVersion version, DateTimeOffset now, CancellationToken ct)
    {
        if (context.Protection != KeyProtection.Platform) return;
        if (!await db.EncryptedFields.AnyAsync(f => f.TenantId == context.TenantId && f.EncryptionId == context.EncryptionId, ct)) return;

        var job = await db.ReEncryptionJobs.SingleOrDefaultAsync(j => j.TenantId == context.TenantId && j.EncryptionId == context.EncryptionId, ct);
        if (job is null) db.ReEncryptionJobs.Add(ReEncryptionJob.Start(context.TenantId, context.EncryptionId, version.Id, version.Version, now));
        else job.Retarget(version.Id, version.Version, now);
    }
}
