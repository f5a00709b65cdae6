using Mediator;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Tenants.UnsuspendTenant;

public sealed record UnsuspendTenantCommand(AdminActor Actor, Guid TenantId) : ICommand<Result<AdminTenantView>>;

public sealed class UnsuspendTenantCommandHandler(IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events)
    : ICommandHandler<UnsuspendTenantCommand, Result<AdminTenantView>>
{
    public async ValueTask<Result<AdminTenantView>> Handle(UnsuspendTenantCommand command, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveTenantAsync(command.Actor, command.TenantId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var (admin, tenant) = found.Value;

        if (tenant.IsSuspended)
        {
            tenant.Unsuspend();
            events.Record(admin.User, SecurityEventTypes.AdminUnsuspendedTenant, admin, new Dictionary<string, object> { ["tenantId"] = tenant.Id.Value });
            await db.SaveChangesAsync(cancellationToken);
        }

        return await TenantViews.OfAsync(db, tenant, cancellationToken);
    }
}
