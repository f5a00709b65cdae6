using PasswordManager.Application.Contracts.Auth.Audit;
using Mediator;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Contexts.ChangeVersionState;

/// <summary>Disables (reversible) or re-enables one key version.</summary>
public sealed record ChangeVersionStateCommand(TenantId TenantId, string EncryptionId, int Version, bool Enable) : ICommand<Result<ContextDetails>>;

public sealed class ChangeVersionStateCommandHandler(IEncryptionDbContext db, IKeyRing keys, EncryptionAudit audit, TimeProvider clock)
    : ICommandHandler<ChangeVersionStateCommand, Result<ContextDetails>>
{
    public async ValueTask<Result<ContextDetails>> Handle(ChangeVersionStateCommand command, CancellationToken cancellationToken)
    {
        var context = await db.FindTrackedAsync(command.TenantId, command.EncryptionId, cancellationToken);
        if (context is null) return new EncryptionContextNotFound();
        var now = clock.GetUtcNow();
        var result = command.Enable ? context.EnableVersion(command.Version, now) : context.DisableVersion(command.Version, now);
        if (result.IsFailure) return result.Error;
        await db.SaveChangesAsync(
            audit.Record(command.TenantId, AuditActions.EncryptionVersionStateChanged, command.EncryptionId, command.Version,
                command.Enable ? "enabled" : "disabled"), cancellationToken);
        keys.Invalidate(command.TenantId, command.EncryptionId);
        return ContextDetails.Of(context);
    }
}
