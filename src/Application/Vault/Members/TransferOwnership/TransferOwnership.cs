using PasswordManager.Application.Contracts.Auth.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members.TransferOwnership;

/// <summary>
/// The owner hands the vault to another active admin. Only then can the former owner leave, be demoted or be
/// revoked (the sole-admin rule still applies on top).
/// </summary>
public sealed record TransferOwnershipCommand(UserId OwnerId, Guid VaultId, Guid NewOwnerId) : ICommand<Result<VaultSummary>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => OwnerId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed class TransferOwnershipCommandHandler(IVaultDbContext db, VaultAudit audit, TimeProvider clock) : ICommandHandler<TransferOwnershipCommand, Result<VaultSummary>>
{
    public async ValueTask<Result<VaultSummary>> Handle(TransferOwnershipCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var caller = await db.RequireAsync(command.VaultId, command.OwnerId, Permission.Read, now, cancellationToken);
        if (caller.IsFailure) return caller.Error;

        await using var vaultLock = await db.LockVaultAsync(command.VaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(command.VaultId);
        var vault = vaultLock.Vault;
        if (vault.OwnerId != command.OwnerId) return new OwnerForbidden(vault.Id);

        var target = await db.AccessRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.VaultId == vault.Id && r.UserId == new UserId(command.NewOwnerId), cancellationToken);
        if (target is null || !target.IsActive(now)) return new MemberNotFound(command.NewOwnerId);
        if (target.Permission != Permission.Admin) return new NewOwnerNotAdmin(command.NewOwnerId);

        if (vault.OwnerId != target.UserId)
        {
            vault.TransferOwnership(target.UserId, now);
            vaultLock.Audit(audit.Record(vault, command.OwnerId, AuditActions.VaultOwnershipTransferred,
                new Dictionary<string, object> { ["newOwnerId"] = command.NewOwnerId }));
        }

        await vaultLock.CommitAsync(cancellationToken);
        var advice = await RekeyAdvice.ForAdminAsync(db, [(vault, caller.Value)], now, cancellationToken);
        return VaultSummary.Of(vault, caller.Value, advice.GetValueOrDefault(vault.Id));
    }
}
