using Mediator;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Tenants.RenameTenant;

public sealed record RenameTenantCommand(AdminActor Actor, Guid TenantId, string Name) : ICommand<Result<AdminTenantView>>;

public sealed class RenameTenantCommandHandler(IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events)
    : ICommandHandler<RenameTenantCommand, Result<AdminTenantView>>
{
    public async ValueTask<Result<AdminTenantView>> Handle(RenameTenantCommand command, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveTenantAsync(command.Actor, command.TenantId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var (admin, tenant) = found.Value;
        if (await TenantNameRules.IsTakenAsync(db, command.Name, tenant.Id, cancellationToken)) return new TenantNameTaken();

        tenant.Rename(command.Name);
        events.Record(admin.User, SecurityEventTypes.AdminRenamedTenant, admin, new Dictionary<string, object> { ["tenantId"] = tenant.Id.Value });
        await db.SaveChangesAsync(cancellationToken);
        return await TenantViews.OfAsync(db, tenant, cancellationToken);
    }
}
