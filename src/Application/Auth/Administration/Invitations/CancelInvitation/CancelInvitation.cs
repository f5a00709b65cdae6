using Mediator;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Invitations.CancelInvitation;

public sealed record CancelInvitationCommand(AdminActor Actor, Guid InvitationId) : ICommand<Result>;

public sealed class CancelInvitationCommandHandler(IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events)
    : ICommandHandler<CancelInvitationCommand, Result>
{
    public async ValueTask<Result> Handle(CancelInvitationCommand command, CancellationToken cancellationToken)
    {
        var admin = await scope.ResolveAsync(command.Actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var invitation = await AdminInvitations.FindAsync(db, admin.Value, command.InvitationId, cancellationToken);
        if (invitation.IsFailure) return invitation.Error;

        db.Invitations.Remove(invitation.Value);
        events.Record(admin.Value.User, SecurityEventTypes.AdminCancelledInvitation, admin.Value, new Dictionary<string, object>
        {
            ["invitationId"] = invitation.Value.Id,
            ["tenantId"] = invitation.Value.TenantId.Value,
        });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
