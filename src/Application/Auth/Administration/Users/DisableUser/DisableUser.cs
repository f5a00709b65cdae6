using Mediator;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Users.DisableUser;

/// <summary>
/// Disables an account: every session ends at once (ADR-0018), and login, refresh and its API keys are refused with
/// <c>auth.account_disabled</c> until it is enabled again. Nothing else of the account changes.
/// </summary>
public sealed record DisableUserCommand(AdminActor Actor, Guid UserId) : ICommand<Result<AdminUserView>>;

public sealed class DisableUserCommandHandler(IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<DisableUserCommand, Result<AdminUserView>>
{
    public async ValueTask<Result<AdminUserView>> Handle(DisableUserCommand command, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveUserAsync(command.Actor, command.UserId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var (admin, target) = found.Value;
        if (AdministrationScope.MayActOn(admin, target) is { } refused) return refused;

        var now = clock.GetUtcNow();
        target.Disable(now);
        var revoked = await AdminActions.RevokeSessionsAsync(db, db.Users.Where(u => u.Id == target.Id), RevocationReasons.AccountDisabled, now, cancellationToken);
        events.Record(target, SecurityEventTypes.DisabledByAdmin, admin, new Dictionary<string, object> { ["revokedSessions"] = revoked });
        await db.SaveChangesAsync(cancellationToken);
        return await AdminUserView.OfAsync(db, target, cancellationToken);
    }
}
