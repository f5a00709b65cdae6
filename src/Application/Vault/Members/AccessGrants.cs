using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Common.Exceptions;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Application.Vault.History;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Members;

/// <summary>A grant to apply: the vault key of <see cref="KeyEpoch"/> wrapped for the recipient and signed by the granter.</summary>
public sealed record AccessGrant(
    UserId GranterId, TenantId TenantId, Guid VaultId, Guid RecipientId, Permission Permission, long KeyEpoch, string WrappedKey,
    string GranterSignature, DateTimeOffset? ExpiresAt, string? History = null);

/// <summary>
/// The one way a member is added, for a direct grant and a confirmed invitation alike. The server checks the admin's
/// permission and the record's format, never the cryptography; the recipient's client verifies the signature before
/// using the key. The tenant's plan must include sharing, and the vault's active members (counted under its lock)
/// stay within the plan. In a joined transaction (<c>GrantVaultAccessCommand</c>, a confirmed invitation) the grant is
/// written there and its owner commits it with its own change, or rolls both back.
/// </summary>
public sealed class AccessGrants(IVaultDbContext db, ISender sender, VaultAudit audit, VaultHistory history, TimeProvider clock)
{
    public async Task<Result<MemberAccess>> GrantAsync(AccessGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var now = clock.GetUtcNow();
        // The grant's own request rules, for a grant that did not come as a request of its own (an invitation's).
        var invalid = new List<ValidationFailure>();
        if (grant.RecipientId == grant.GranterId.Value) invalid.Add(new ValidationFailure(nameof(AccessGrant.RecipientId), "You are a member already."));
        if (grant.ExpiresAt is { } expiresAt && expiresAt <= now) invalid.Add(new ValidationFailure(nameof(AccessGrant.ExpiresAt), "expiresAt must be in the future."));
        if (invalid.Count != 0) throw new ValidationException(invalid);

        var admin = await db.RequireAsync(grant.VaultId, grant.GranterId, Permission.Admin, now, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var historyRecord = VaultHistory.Decode(grant.History);
        if (historyRecord.IsFailure) return historyRecord.Error;
        // A user of another tenant answers like an unknown one.
        if (await sender.Send(new GetUserTenantQuery(grant.RecipientId), cancellationToken) != grant.TenantId.Value)
            return new RecipientNotFound(grant.RecipientId);

        await using var vaultLock = await db.LockVaultAsync(grant.VaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(grant.VaultId);
        var vault = vaultLock.Vault;
        if (vault.Kind == VaultKind.Personal) return new PersonalVaultNotShareable();
        if (grant.KeyEpoch != vault.KeyEpoch) return new StaleKeyEpoch(vault.Id, vault.KeyEpoch);

        var recipient = new UserId(grant.RecipientId);
        var existing = await db.AccessRecords.SingleOrDefaultAsync(r => r.VaultId == vault.Id && r.UserId == recipient, cancellationToken);
        if (existing is not null && existing.IsActive(now)) return new AlreadyMember(grant.RecipientId);
        var sharing = await sender.Send(new CheckQuotaQuery(vault.TenantId.Value, Entitlement.Sharing, 0), cancellationToken);
        if (sharing.IsFailure) return sharing.Error;
        var members = await db.AccessRecords.LongCountAsync(
            r => r.VaultId == vault.Id && r.RevokedAt == null && (r.ExpiresAt == null || r.ExpiresAt > now), cancellationToken);
        var withinPlan = await sender.Send(new CheckQuotaQuery(vault.TenantId.Value, Entitlement.MembersPerSharedVault, members), cancellationToken);
        if (withinPlan.IsFailure) return withinPlan.Error;

        var (wrappedKey, signature, revision) =
            (Convert.FromBase64String(grant.WrappedKey), Convert.FromBase64String(grant.GranterSignature), vault.NextRevision(now));
        var record = existing ?? AccessRecord.Grant(
            vault.Id, recipient, grant.Permission, vault.KeyEpoch, wrappedKey, grant.GranterId, signature, grant.ExpiresAt, revision, now);
        if (existing is null) db.AccessRecords.Add(record);
        else existing.Regrant(grant.Permission, vault.KeyEpoch, wrappedKey, grant.GranterId, signature, grant.ExpiresAt, revision, now);
        var chained = await history.AppendAsync(vault, grant.GranterId, historyRecord.Value, [VaultHistory.MemberChange(record)], cancellationToken);
        if (chained.IsFailure) return chained.Error;

        vaultLock.Audit(audit.Record(vault, grant.GranterId, AuditActions.VaultShared, new Dictionary<string, object>
        {
            ["memberId"] = grant.RecipientId,
            ["permission"] = grant.Permission.ToString().ToLowerInvariant(),
            ["keyEpoch"] = vault.KeyEpoch,
        }));
        await vaultLock.CommitAsync(cancellationToken);
        return MemberAccess.Of(record);
    }
}
