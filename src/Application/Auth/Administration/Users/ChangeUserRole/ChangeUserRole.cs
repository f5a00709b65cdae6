using Mediator;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Users.ChangeUserRole;

/// <summary>
/// Sets a user's tenant role. Only owners and instance administrators touch owners or make owners, and the last owner
/// stays. A lowered role ends the user's sessions at once, so no access token keeps the old role for its lifetime.
/// </summary>
public sealed record ChangeUserRoleCommand(AdminActor Actor, Guid UserId, TenantRole? Role) : ICommand<Result<AdminUserView>>;

public sealed class ChangeUserRoleCommandHandler(IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<ChangeUserRoleCommand, Result<AdminUserView>>
{
    public async ValueTask<Result<AdminUserView>> Handle(ChangeUserRoleCommand command, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveUserAsync(command.Actor, command.UserId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var (admin, target) = found.Value;
        var role = command.Role!.Value;
        if (AdministrationScope.MayActOn(admin, target) is { } refused) return refused;
        if (role == TenantRole.Owner && !admin.MayManageOwners) return new AdminActionNotAllowed();
        if (role != TenantRole.Owner && await scope.IsLastOwnerAsync(target, cancellationToken)) return new LastOwner();

        if (role != target.Role)
        {
            var now = clock.GetUtcNow();
            var previous = target.Role;
            target.ChangeRole(role, now);
            if (role < previous)
                await AdminActions.RevokeSessionsAsync(db, db.Users.Where(u => u.Id == target.Id), RevocationReasons.RoleLowered, now, cancellationToken);
            events.Record(target, SecurityEventTypes.RoleChangedByAdmin, admin, new Dictionary<string, object>
            {
                ["from"] = previous.ToString().ToLowerInvariant(),
                ["to"] = role.ToString().ToLowerInvariant(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return await AdminUserView.OfAsync(db, target, cancellationToken);
    }
}
