using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration;

/// <summary>
/// Who is calling an administration endpoint, as the endpoint saw it: the token's user, and whether the principal
/// carries the instance-administrator claim (access tokens of listed usernames do; API keys never do).
/// </summary>
public sealed record AdminActor(UserId UserId, bool InstanceAdministratorClaim);

/// <summary>An authorized administrator: <see cref="Tenant"/> is the one tenant it may see, null for an instance administrator.</summary>
public sealed record Administrator(User User, TenantId? Tenant)
{
    public bool IsInstanceAdministrator => Tenant is null;

    /// <summary>Owners and instance administrators may act on owners and make owners; admins may not.</summary>
    public bool MayManageOwners => IsInstanceAdministrator || User.Role == TenantRole.Owner;

    public bool Sees(TenantId tenant) => Tenant is null || Tenant == tenant;
}

/// <summary>
/// Resolves an <see cref="AdminActor"/> against the stored account (its current role, disabled or not, and the current
/// <see cref="AuthPolicy.InstanceAdministrators"/>), not the up to five minutes old token, and finds the objects it
/// may act on. Anything outside the administrator's tenant answers "not found", so ids cannot be probed (ADR-0021).
/// </summary>
public sealed class AdministrationScope(IAuthDbContext db, AuthPolicy policy)
{
    public async Task<Result<Administrator>> ResolveAsync(AdminActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == actor.UserId, cancellationToken);
        if (user is null || user.IsDisabled) return new NotAdministrator();
        if (actor.InstanceAdministratorClaim && policy.IsInstanceAdministrator(user.NormalizedUsername)) return new Administrator(user, null);
        if (user.Role < TenantRole.Admin) return new NotAdministrator();
        if (await db.Tenants.AnyAsync(t => t.Id == user.TenantId && t.SuspendedAt != null, cancellationToken)) return new NotAdministrator();
        return new Administrator(user, user.TenantId);
    }

    /// <summary>The administrator and the user it names, tracked; <see cref="Domain.Auth.UserNotFound"/> outside its tenant.</summary>
    public async Task<Result<(Administrator Admin, User Target)>> ResolveUserAsync(AdminActor actor, Guid userId, CancellationToken cancellationToken)
    {
        var admin = await ResolveAsync(actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var id = new UserId(userId);
        var target = id == admin.Value.User.Id ? admin.Value.User : await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (target is null || !admin.Value.Sees(target.TenantId)) return new Domain.Auth.UserNotFound();
        return (admin.Value, target);
    }

    /// <summary>A tenant admin may act on members and admins only; owners need an owner or an instance administrator.</summary>
    public static Error? MayActOn(Administrator admin, User target)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Id == admin.User.Id) return new AdminSelfAction();
        if (target.Role == TenantRole.Owner && !admin.MayManageOwners) return new AdminActionNotAllowed();
        return null;
    }

    public Task<bool> IsLastOwnerAsync(User target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Role != TenantRole.Owner) return Task.FromResult(false);
        return db.Users.AllAsync(u => u.TenantId != target.TenantId || u.Id == target.Id || u.Role != TenantRole.Owner, cancellationToken);
    }

    /// <summary>Only instance administrators reach the tenant endpoints; the policy already said so, the stored account says it again.</summary>
    public async Task<Result<(Administrator Admin, Tenant Tenant)>> ResolveTenantAsync(AdminActor actor, Guid tenantId, CancellationToken cancellationToken)
    {
        var admin = await ResolveInstanceAdministratorAsync(actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var id = new TenantId(tenantId);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null) return new TenantNotFound();
        return (admin.Value, tenant);
    }

    public async Task<Result<Administrator>> ResolveInstanceAdministratorAsync(AdminActor actor, CancellationToken cancellationToken)
    {
        var admin = await ResolveAsync(actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        return admin.Value.IsInstanceAdministrator ? admin.Value : new NotAdministrator();
    }
}
