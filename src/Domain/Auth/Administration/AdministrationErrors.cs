using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Administration;

/// <summary>The caller is neither an admin or owner of its tenant (checked against the stored role, not the token's) nor an instance administrator.</summary>
public sealed record NotAdministrator()
    : ForbiddenError("auth.not_administrator", "Only tenant owners and admins, or instance administrators, may do this.");

/// <summary>A tenant admin acted on an owner, or tried to make someone owner: only owners and instance administrators may.</summary>
public sealed record AdminActionNotAllowed()
    : ForbiddenError("auth.admin_action_not_allowed", "Tenant admins cannot change, disable, reset or delete owners, nor make anyone owner.");

/// <summary>The action would leave the tenant without an owner.</summary>
public sealed record LastOwner()
    : ConflictError("auth.last_owner", "The tenant's last owner cannot be demoted or deleted. Make someone else owner first.");

/// <summary>Administrators change their own account through their own account settings, so they cannot lock themselves out.</summary>
public sealed record AdminSelfAction()
    : ConflictError("auth.admin_self_action", "Administrators cannot disable, demote, delete or suspend themselves (or their tenant) this way.");

public sealed record TenantNotFound()
    : NotFoundError("auth.tenant_not_found", "No such tenant.");

public sealed record InvitationNotFound()
    : NotFoundError("auth.invitation_not_found", "No such open invitation.");

/// <summary>The default tenant holds the registrations without an invitation; it cannot be deleted.</summary>
public sealed record DefaultTenantProtected()
    : ConflictError("auth.default_tenant_protected", "The default tenant cannot be deleted.");

/// <summary>The tenant still has users; deleting it needs <c>deleteUsers</c> and its name repeated in <c>confirmName</c>.</summary>
public sealed record TenantNotEmpty(int Users)
    : ConflictError("auth.tenant_not_empty", $"The tenant still has {Users} users. Repeat its name in confirmName with deleteUsers=true to delete them too.")
{
    public override object? Details => new { Users };
}

/// <summary>
/// Some users of the tenant could not be deleted (<see cref="AccountDeletionBlocked"/> for each); the others were, and the
/// tenant stays suspended until the blockers are resolved and the deletion is repeated.
/// </summary>
public sealed record TenantDeletionBlocked(IReadOnlyList<TenantDeletionBlockingUser> Users)
    : ConflictError("auth.tenant_deletion_blocked", "Some users own or sign shared vaults others depend on. Resolve them, then delete the tenant again.")
{
    public override object? Details => new { Users };
}

public sealed record TenantDeletionBlockingUser(Guid UserId, string Username, IReadOnlyList<AccountDeletionBlockingVault> Vaults);

public sealed record TenantNameTaken()
    : ConflictError("auth.tenant_name_taken", "Another tenant already has this name.");

/// <summary>The console link is unknown, expired, already used, or its device session has ended.</summary>
public sealed record ConsoleLinkInvalid()
    : UnauthorizedError("auth.console_link_invalid", "This console link is invalid, expired or already used. Run `pm admin console` for a new one.");
