using PasswordManager.Application.Contracts.Auth.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Contexts.DestroyVersion;

/// <summary>Erases a version's wrapped key for good (crypto-shredding); guarded, see <see cref="EncryptionContext.DestroyVersion"/>.</summary>
public sealed record DestroyVersionCommand(TenantId TenantId, string EncryptionId, int Version) : ICommand<Result<ContextDetails>>;

public sealed class DestroyVersionCommandHandler(IEncryptionDbContext db, IKeyRing keys, EncryptionAudit audit, TimeProvider clock)
    : ICommandHandler<DestroyVersionCommand, Result<ContextDetails>>
{
    public async ValueTask<Result<ContextDetails>> Handle(DestroyVersionCommand command, CancellationToken cancellationToken)
    {
        var context = await db.FindTrackedAsync(command.TenantId, command.EncryptionId, cancellationToken);
        if (context is null) return new EncryptionContextNotFound();
        var version = context.Versions.SingleOrDefault(v => v.Version == command.Version);
        if (version is null) return new KeyVersionNotFound();

        // The core's own registered secrets must have moved off this version, or they would be lost with it.
        var inUse = await db.EncryptedFields.LongCountAsync(f => f.TenantId == command.TenantId && f.VersionId == version.Id, cancellationToken);
        if (inUse > 0) return new KeyVersionStillInUse(inUse);

        var result = context.DestroyVersion(command.Version, clock.GetUtcNow());
        if (result.IsFailure) return result.Error;
        await db.SaveChangesAsync(
            audit.Record(command.TenantId, AuditActions.EncryptionVersionDestroyed, command.EncryptionId, command.Version), cancellationToken);
        keys.Invalidate(command.TenantId, command.EncryptionId);
        return ContextDetails.Of(context);
    }
}
