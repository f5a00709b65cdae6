using Mediator;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Tenants.CreateInvitation;

public sealed record CreateInvitationCommand(UserId CreatedBy, TenantId TenantId, TenantRole CallerRole, TenantRole Role)
    : ICommand<Result<CreateInvitationResult>>;

/// <summary>The code is shown once; only its hash is stored.</summary>
public sealed record CreateInvitationResult(Guid Id, string Code, TenantRole Role, DateTimeOffset ExpiresAt);

public sealed class CreateInvitationCommandHandler(IAuthDbContext db, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<CreateInvitationCommand, Result<CreateInvitationResult>>
{
    public async ValueTask<Result<CreateInvitationResult>> Handle(CreateInvitationCommand command, CancellationToken cancellationToken)
    {
        if (command.CallerRole < TenantRole.Admin || command.Role > command.CallerRole) return new InvitationNotAllowed();

        var code = OpaqueToken.Generate();
        var invitation = Invitation.Create(
            command.TenantId, OpaqueToken.Hash(code), command.Role, command.CreatedBy, clock.GetUtcNow(), policy.InvitationLifetime);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return new CreateInvitationResult(invitation.Id, code, invitation.Role, invitation.ExpiresAt);
    }
}
