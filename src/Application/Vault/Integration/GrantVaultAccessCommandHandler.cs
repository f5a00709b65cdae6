using Mediator;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Integration;

public sealed class GrantVaultAccessCommandHandler(IVaultDbContext db, AccessGrants grants) : ICommandHandler<GrantVaultAccessCommand, Result<GrantedVaultAccess>>
{
    public async ValueTask<Result<GrantedVaultAccess>> Handle(GrantVaultAccessCommand command, CancellationToken cancellationToken)
    {
        var permission = (Permission)command.Permission;
        if (!Enum.IsDefined(permission)) throw new ArgumentOutOfRangeException(nameof(command), command.Permission, "Not a vault permission.");
        db.JoinTransaction(command.Transaction);
        var granted = await grants.GrantAsync(new AccessGrant(
            new UserId(command.GranterId), new TenantId(command.TenantId), command.VaultId, command.RecipientId, permission, command.KeyEpoch,
            command.WrappedKey, command.GranterSignature, command.ExpiresAt, command.History), cancellationToken);
        if (granted.IsFailure) return granted.Error;
        var access = granted.Value;
        return new GrantedVaultAccess(
            access.UserId, (int)access.Permission, access.KeyEpoch, access.WrappedKey, access.GranterId, access.GranterSignature, access.ExpiresAt);
    }
}
