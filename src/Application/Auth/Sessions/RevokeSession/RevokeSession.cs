using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.RevokeSession;

public sealed record RevokeSessionCommand(UserId UserId, Guid SessionId) : ICommand<Result>;

public sealed class RevokeSessionCommandHandler(IAuthDbContext db, ISecurityEventRecorder events, TimeProvider clock) : ICommandHandler<RevokeSessionCommand, Result>
{
    public async ValueTask<Result> Handle(RevokeSessionCommand command, CancellationToken cancellationToken)
    {
        // Someone else's session answers "not found", so session ids cannot be probed.
        var session = await db.Sessions.SingleOrDefaultAsync(
            s => s.Id == command.SessionId && s.UserId == command.UserId && s.RevokedAt == null, cancellationToken);
        if (session is null) return new SessionNotFound(command.SessionId);

        session.Revoke(RevocationReasons.RevokedByUser, clock.GetUtcNow());
        var user = await db.Users.SingleAsync(u => u.Id == command.UserId, cancellationToken);
        events.Record(user, SecurityEventTypes.SessionRevoked, session.DeviceName, objectType: "session", objectId: session.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
