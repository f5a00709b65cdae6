using Mediator;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Tenants.SuspendTenant;

/// <summary>
/// Suspends a tenant: every session of its users ends at once (ADR-0018), and their logins, refreshes and API keys are
/// refused with <c>auth.tenant_suspended</c> until it is unsuspended. Data is kept. An administrator cannot suspend
/// its own tenant.
/// </summary>
public sealed record SuspendTenantCommand(AdminActor Actor, Guid TenantId) : ICommand<Result<AdminTenantView>>;

public sealed class SuspendTenantCommandHandler(IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<SuspendTenantCommand, Result<AdminTenantView>>
{
    public async ValueTask<Result<AdminTenantView>> Handle(SuspendTenantCommand command, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveTenantAsync(command.Actor, command.TenantId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var (admin, tenant) = found.Value;
        if (tenant.Id == admin.User.TenantId) return new AdminSelfAction();

        var now = clock.GetUtcNow();
        tenant.Suspend(now);
        var revoked = await AdminActions.RevokeSessionsAsync(
            db, db.Users.Where(u => u.TenantId == tenant.Id), RevocationReasons.TenantSuspended, now, cancellationToken);
        events.Record(admin.User, SecurityEventTypes.AdminSuspendedTenant, admin, new Dictionary<string, object>
        {
            ["tenantId"] = tenant.Id.Value,
            ["revokedSessions"] = revoked,
        });
        await db.SaveChangesAsync(cancellationToken);
        return await TenantViews.OfAsync(db, tenant, cancellationToken);
    }
}
