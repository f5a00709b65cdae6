using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.Logout;

public sealed record LogoutCommand(UserId UserId, Guid SessionId) : ICommand<Result>;

public sealed class LogoutCommandHandler(IAuthDbContext db, ISecurityEventRecorder events, TimeProvider clock) : ICommandHandler<LogoutCommand, Result>
{
    public async ValueTask<Result> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(
            s => s.Id == command.SessionId && s.UserId == command.UserId, cancellationToken);
        if (session is { RevokedAt: null })
        {
            session.Revoke(RevocationReasons.Logout, clock.GetUtcNow());
            var user = await db.Users.SingleAsync(u => u.Id == command.UserId, cancellationToken);
            events.Record(user, SecurityEventTypes.Logout, session.DeviceName, objectType: "session", objectId: session.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
