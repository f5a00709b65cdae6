using PasswordManager.Application.Contracts.Auth.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.History;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members.ChangePermission;

/// <summary>An admin changes a member's permission; the record is re-signed because the signature covers it.</summary>
public sealed record ChangePermissionCommand(UserId AdminId, Guid VaultId, Guid MemberId, Permission Permission, string GranterSignature, string? History = null) : ICommand<Result<MemberAccess>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class ChangePermissionCommandHandler(IVaultDbContext db, VaultAudit audit, VaultHistory history, TimeProvider clock) : ICommandHandler<ChangePermissionCommand, Result<MemberAccess>>
{
    public async ValueTask<Result<MemberAccess>> Handle(ChangePermissionCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var admin = await db.RequireAsync(command.VaultId, command.AdminId, Permission.Admin, now, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var record = VaultHistory.Decode(command.History);
        if (record.IsFailure) return record.Error;

        await using var vaultLock = await db.LockVaultAsync(command.VaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(command.VaultId);
        var active = await db.AccessRecords
            .Where(r => r.VaultId == command.VaultId && r.RevokedAt == null && (r.ExpiresAt == null || r.ExpiresAt > now))
            .ToListAsync(cancellationToken);
        var member = active.SingleOrDefault(r => r.UserId.Value == command.MemberId);
        if (member is null) return new MemberNotFound(command.MemberId);
        var changing = new VaultMembership(vaultLock.Vault.OwnerId, active).ChangePermission(member.UserId, command.Permission);
        if (changing.IsFailure) return changing.Error;

        member.ChangePermission(command.Permission, command.AdminId, Convert.FromBase64String(command.GranterSignature), vaultLock.Vault.NextRevision(now), now);
        var chained = await history.AppendAsync(vaultLock.Vault, command.AdminId, record.Value, [VaultHistory.MemberChange(member)], cancellationToken);
        if (chained.IsFailure) return chained.Error;
        vaultLock.Audit(audit.Record(vaultLock.Vault, command.AdminId, AuditActions.VaultPermissionChanged, new Dictionary<string, object>
        {
            ["memberId"] = command.MemberId,
            ["permission"] = command.Permission.ToString().ToLowerInvariant(),
        }));
        await vaultLock.CommitAsync(cancellationToken);
        return MemberAccess.Of(member);
    }
}
