using PasswordManager.Application.Contracts.Auth.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Application.Vault.History;
using PasswordManager.Domain.Vault.History;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members.LeaveVault;

/// <summary>A member gives up their access. The vault's last admin and its owner cannot leave.</summary>
public sealed record LeaveVaultCommand(UserId UserId, Guid VaultId, string? History = null) : ICommand<Result>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed class LeaveVaultCommandHandler(IVaultDbContext db, VaultAudit audit, VaultHistory history, TimeProvider clock) : ICommandHandler<LeaveVaultCommand, Result>
{
    public async ValueTask<Result> Handle(LeaveVaultCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var access = await db.RequireAsync(command.VaultId, command.UserId, Permission.Read, now, cancellationToken);
        if (access.IsFailure) return access.Error;
        var record = VaultHistory.Decode(command.History);
        if (record.IsFailure) return record.Error;

        await using var vaultLock = await db.LockVaultAsync(command.VaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(command.VaultId);
        var active = await db.AccessRecords
            .Where(r => r.VaultId == command.VaultId && r.RevokedAt == null && (r.ExpiresAt == null || r.ExpiresAt > now))
            .ToListAsync(cancellationToken);
        var mine = active.Single(r => r.UserId == command.UserId);
        var leaving = new VaultMembership(vaultLock.Vault.OwnerId, active).Leave(command.UserId);
        if (leaving.IsFailure) return leaving.Error;

        mine.Revoke(vaultLock.Vault.NextRevision(now), now);
        var chained = await history.AppendAsync(
            vaultLock.Vault, command.UserId, record.Value, [MemberHistoryChange.Removal(command.UserId.Value)], cancellationToken);
        if (chained.IsFailure) return chained.Error;
        vaultLock.Audit(audit.Record(vaultLock.Vault, command.UserId, AuditActions.VaultLeft));
        await vaultLock.CommitAsync(cancellationToken);
        return Result.Success();
    }
}
