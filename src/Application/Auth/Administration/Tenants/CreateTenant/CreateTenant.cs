using Mapster;
using Mediator;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Tenants.CreateTenant;

/// <summary>
/// Creates a tenant and an owner invitation for it (instance administrators). Whoever registers with the code
/// (<c>pm register --invitation CODE</c>) becomes the tenant's owner; the code is shown once.
/// </summary>
public sealed record CreateTenantCommand(AdminActor Actor, string Name, string OwnerEmail) : ICommand<Result<CreatedTenant>>;

public sealed record CreatedTenant(AdminTenantView Tenant, OwnerInvitation OwnerInvitation);

public sealed record OwnerInvitation(Guid InvitationId, string Code, string Email, TenantRole Role, DateTimeOffset ExpiresAt);

public sealed class CreateTenantCommandHandler(
    IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<CreateTenantCommand, Result<CreatedTenant>>
{
    public async ValueTask<Result<CreatedTenant>> Handle(CreateTenantCommand command, CancellationToken cancellationToken)
    {
        var admin = await scope.ResolveInstanceAdministratorAsync(command.Actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        if (await TenantNameRules.IsTakenAsync(db, command.Name, except: null, cancellationToken)) return new TenantNameTaken();

        var now = clock.GetUtcNow();
        var tenant = Tenant.Create(new TenantId(Guid.CreateVersion7(now)), command.Name, now);
        var code = OpaqueToken.Generate();
        var invitation = Invitation.Create(
            tenant.Id, OpaqueToken.Hash(code), TenantRole.Owner, admin.Value.User.Id, now, policy.InvitationLifetime, command.OwnerEmail);
        db.Tenants.Add(tenant);
        db.Invitations.Add(invitation);
        events.Record(admin.Value.User, SecurityEventTypes.AdminCreatedTenant, admin.Value, new Dictionary<string, object>
        {
            ["tenantId"] = tenant.Id.Value,
            ["invitationId"] = invitation.Id,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedTenant(
            tenant.Adapt<AdminTenantView>(AdministrationMapping.Config),
            new OwnerInvitation(invitation.Id, code, invitation.Email!, invitation.Role, invitation.ExpiresAt));
    }
}
