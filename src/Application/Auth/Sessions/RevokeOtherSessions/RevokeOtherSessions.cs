using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.RevokeOtherSessions;

public sealed record RevokeOtherSessionsCommand(UserId UserId, Guid CurrentSessionId) : ICommand<RevokeOtherSessionsResult>;

public sealed record RevokeOtherSessionsResult(int Revoked);

public sealed class RevokeOtherSessionsCommandHandler(IAuthDbContext db, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<RevokeOtherSessionsCommand, RevokeOtherSessionsResult>
{
    public async ValueTask<RevokeOtherSessionsResult> Handle(RevokeOtherSessionsCommand command, CancellationToken cancellationToken)
    {
        var others = await db.Sessions
            .Where(s => s.UserId == command.UserId && s.Id != command.CurrentSessionId && s.RevokedAt == null)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var session in others) session.Revoke(RevocationReasons.RevokedByUser, now);
        if (others.Count > 0)
        {
            var user = await db.Users.SingleAsync(u => u.Id == command.UserId, cancellationToken);
            events.Record(user, SecurityEventTypes.OtherSessionsRevoked, details: new Dictionary<string, object> { ["revoked"] = others.Count });
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RevokeOtherSessionsResult(others.Count);
    }
}
