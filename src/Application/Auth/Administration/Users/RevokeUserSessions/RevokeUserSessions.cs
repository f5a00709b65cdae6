using Mediator;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Users.RevokeUserSessions;

/// <summary>Ends every session of the user at once (ADR-0018); the user may log in again.</summary>
public sealed record RevokeUserSessionsCommand(AdminActor Actor, Guid UserId) : ICommand<Result<RevokeUserSessionsResult>>;

public sealed record RevokeUserSessionsResult(Guid UserId, int RevokedSessions);

public sealed class RevokeUserSessionsCommandHandler(IAuthDbContext db, AdministrationScope scope, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<RevokeUserSessionsCommand, Result<RevokeUserSessionsResult>>
{
    public async ValueTask<Result<RevokeUserSessionsResult>> Handle(RevokeUserSessionsCommand command, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveUserAsync(command.Actor, command.UserId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var (admin, target) = found.Value;
        if (AdministrationScope.MayActOn(admin, target) is { } refused) return refused;

        var revoked = await AdminActions.RevokeSessionsAsync(
            db, db.Users.Where(u => u.Id == target.Id), RevocationReasons.RevokedByAdministrator, clock.GetUtcNow(), cancellationToken);
        events.Record(target, SecurityEventTypes.SessionsRevokedByAdmin, admin, new Dictionary<string, object> { ["revokedSessions"] = revoked });
        await db.SaveChangesAsync(cancellationToken);
        return new RevokeUserSessionsResult(command.UserId, revoked);
    }
}
