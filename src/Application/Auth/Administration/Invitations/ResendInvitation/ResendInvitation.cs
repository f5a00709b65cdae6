using Mediator;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Invitations.ResendInvitation;

/// <summary>
/// Only a hash of an invitation code is stored, so a resend issues a new code for the same invitation (same tenant,
/// role and email) with a fresh lifetime; the old code stops working. The new code is shown once.
/// </summary>
public sealed record ResendInvitationCommand(AdminActor Actor, Guid InvitationId) : ICommand<Result<ResentInvitation>>;

public sealed record ResentInvitation(AdminInvitationView Invitation, string Code);

public sealed class ResendInvitationCommandHandler(
    IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<ResendInvitationCommand, Result<ResentInvitation>>
{
    public async ValueTask<Result<ResentInvitation>> Handle(ResendInvitationCommand command, CancellationToken cancellationToken)
    {
        var admin = await scope.ResolveAsync(command.Actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var invitation = await AdminInvitations.FindAsync(db, admin.Value, command.InvitationId, cancellationToken);
        if (invitation.IsFailure) return invitation.Error;

        var code = OpaqueToken.Generate();
        invitation.Value.Reissue(OpaqueToken.Hash(code), clock.GetUtcNow(), policy.InvitationLifetime);
        events.Record(admin.Value.User, SecurityEventTypes.AdminResentInvitation, admin.Value, new Dictionary<string, object>
        {
            ["invitationId"] = invitation.Value.Id,
            ["tenantId"] = invitation.Value.TenantId.Value,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new ResentInvitation(Mapster.TypeAdapter.Adapt<AdminInvitationView>(invitation.Value, AdministrationMapping.Config), code);
    }
}
