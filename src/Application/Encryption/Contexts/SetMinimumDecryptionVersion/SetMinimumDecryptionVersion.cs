using Mediator;
using PasswordManager.Application.Encryption.Keys;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Contexts.SetMinimumDecryptionVersion;

/// <summary>Retires every version below <see cref="Version"/>: their ciphertexts no longer decrypt (until lowered again).</summary>
public sealed record SetMinimumDecryptionVersionCommand(TenantId TenantId, string EncryptionId, int Version) : ICommand<Result<ContextDetails>>;

public sealed class SetMinimumDecryptionVersionCommandHandler(IEncryptionDbContext db, IKeyRing keys, TimeProvider clock)
    : ICommandHandler<SetMinimumDecryptionVersionCommand, Result<ContextDetails>>
{
    public async ValueTask<Result<ContextDetails>> Handle(SetMinimumDecryptionVersionCommand command, CancellationToken cancellationToken)
    {
        var context = await db.FindTrackedAsync(command.TenantId, command.EncryptionId, cancellationToken);
        if (context is null) return new EncryptionContextNotFound();
        var result = context.SetMinimumDecryptionVersion(command.Version, clock.GetUtcNow());
        if (result.IsFailure) return result.Error;
        await db.SaveChangesAsync(cancellationToken);
        keys.Invalidate(command.TenantId, command.EncryptionId);
        return ContextDetails.Of(context);
    }
}
