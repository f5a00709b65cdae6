using PasswordManager.Application.Contracts.Auth.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members.GrantAccess;

/// <summary>
/// An admin adds a member: the vault key of the current epoch wrapped for the recipient's public key and signed
/// by the admin. The server checks the admin's permission and the record's format, never the cryptography;
/// the recipient's client verifies the signature before using the key. One record, whatever the vault's size. The
/// tenant's plan must include sharing, and the vault's active members (counted under its lock) stay within the plan.
/// </summary>
public sealed record GrantAccessCommand(
    UserId GranterId, TenantId TenantId, Guid VaultId, Guid RecipientId, Permission Permission, long KeyEpoch, string WrappedKey,
    string GranterSignature, DateTimeOffset? ExpiresAt) : ICommand<Result<MemberAccess>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => GranterId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class GrantAccessCommandHandler(IVaultDbContext db, ISender sender, VaultAudit audit, TimeProvider clock)
    : ICommandHandler<GrantAccessCommand, Result<MemberAccess>>
{
    public async ValueTask<Result<MemberAccess>> Handle(GrantAccessCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var admin = await db.RequireAsync(command.VaultId, command.GranterId, Permission.Admin, now, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        // A user of another tenant answers like an unknown one.
        if (await sender.Send(new GetUserTenantQuery(command.RecipientId), cancellationToken) != command.TenantId.Value)
            return new RecipientNotFound(command.RecipientId);

        await using var vaultLock = await db.LockVaultAsync(command.VaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(command.VaultId);
        var vault = vaultLock.Vault;
        if (vault.Kind == VaultKind.Personal) return new PersonalVaultNotShareable();
        if (command.KeyEpoch != vault.KeyEpoch) return new StaleKeyEpoch(vault.Id, vault.KeyEpoch);

        var recipient = new UserId(command.RecipientId);
        var existing = await db.AccessRecords.SingleOrDefaultAsync(r => r.VaultId == vault.Id && r.UserId == recipient, cancellationToken);
        if (existing is not null && existing.IsActive(now)) return new AlreadyMember(command.RecipientId);
        var sharing = await sender.Send(new CheckQuotaQuery(vault.TenantId.Value, Entitlement.Sharing, 0), cancellationToken);
        if (sharing.IsFailure) return sharing.Error;
        var members = await db.AccessRecords.LongCountAsync(
            r => r.VaultId == vault.Id && r.RevokedAt == null && (r.ExpiresAt == null || r.ExpiresAt > now), cancellationToken);
        var withinPlan = await sender.Send(new CheckQuotaQuery(vault.TenantId.Value, Entitlement.MembersPerSharedVault, members), cancellationToken);
        if (withinPlan.IsFailure) return withinPlan.Error;

        var (wrappedKey, signature, revision) =
            (Convert.FromBase64String(command.WrappedKey), Convert.FromBase64String(command.GranterSignature), vault.NextRevision(now));
        var record = existing ?? AccessRecord.Grant(
            vault.Id, recipient, command.Permission, vault.KeyEpoch, wrappedKey, command.GranterId, signature, command.ExpiresAt, revision, now);
        if (existing is null) db.AccessRecords.Add(record);
        else existing.Regrant(command.Permission, vault.KeyEpoch, wrappedKey, command.GranterId, signature, command.ExpiresAt, revision, now);

        vaultLock.Audit(audit.Record(vault, command.GranterId, AuditActions.VaultShared, new Dictionary<string, object>
        {
            ["memberId"] = command.RecipientId,
            ["permission"] = command.Permission.ToString().ToLowerInvariant(),
            ["keyEpoch"] = vault.KeyEpoch,
        }));
        await vaultLock.CommitAsync(cancellationToken);
        return MemberAccess.Of(record);
    }
}
