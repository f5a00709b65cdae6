using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Accounts;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Tenants.DeleteTenant;

/// <summary>
/// Deletes a tenant (instance administrators). An empty one goes at once. One with users needs
/// <see cref="DeleteUsers"/> and its name repeated in <see cref="ConfirmName"/>; then the tenant is suspended (everyone's
/// sessions end) and each user is deleted by the rules of self-deletion (<see cref="AccountDeletion"/>). A user blocked
/// by shared vaults stays, with the tenant, suspended; the answer names them, and repeating the deletion resumes it.
/// </summary>
public sealed record DeleteTenantCommand(AdminActor Actor, Guid TenantId, bool DeleteUsers, string? ConfirmName) : ICommand<Result<DeletedTenant>>;

public sealed record DeletedTenant(Guid TenantId, int DeletedUsers);

public sealed class DeleteTenantCommandHandler(
    IAuthDbContext db, AdministrationScope scope, AccountDeletion deletion, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<DeleteTenantCommand, Result<DeletedTenant>>
{
    public async ValueTask<Result<DeletedTenant>> Handle(DeleteTenantCommand command, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveTenantAsync(command.Actor, command.TenantId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var (admin, tenant) = found.Value;
        if (tenant.Id == TenantId.Default) return new DefaultTenantProtected();
        if (tenant.Id == admin.User.TenantId) return new AdminSelfAction();

        var users = await db.Users.Where(u => u.TenantId == tenant.Id).OrderBy(u => u.NormalizedUsername).ToListAsync(cancellationToken);
        if (users.Count > 0 && !(command.DeleteUsers && string.Equals(command.ConfirmName?.Trim(), tenant.Name, StringComparison.Ordinal)))
            return new TenantNotEmpty(users.Count);

        if (users.Count > 0)
        {
            var now = clock.GetUtcNow();
            tenant.Suspend(now);
            await AdminActions.RevokeSessionsAsync(db, db.Users.Where(u => u.TenantId == tenant.Id), RevocationReasons.TenantSuspended, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var blocked = new List<TenantDeletionBlockingUser>();
        foreach (var user in users)
        {
            var deleted = await deletion.DeleteAsync(user, cancellationToken);
            if (deleted.IsFailure && deleted.Error is Domain.Auth.AccountDeletionBlocked blockers)
                blocked.Add(new TenantDeletionBlockingUser(user.Id.Value, user.Username, blockers.Vaults));
            else if (deleted.IsFailure) return deleted.Error;
        }
        if (blocked.Count > 0) return new TenantDeletionBlocked(blocked);

        await db.Invitations.Where(i => i.TenantId == tenant.Id).ExecuteDeleteAsync(cancellationToken);
        db.Tenants.Remove(tenant);
        events.Record(admin.User, SecurityEventTypes.AdminDeletedTenant, admin, new Dictionary<string, object>
        {
            ["tenantId"] = tenant.Id.Value,
            ["deletedUsers"] = users.Count,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new DeletedTenant(tenant.Id.Value, users.Count);
    }
}
