using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.RevokeOtherSessions;

public sealed record RevokeOtherSessionsCommand(UserId UserId, Guid CurrentSessionId) : ICommand<RevokeOtherSessionsResult>;

public sealed record RevokeOtherSessionsResult(int Revoked);

public sealed class RevokeOtherSessionsCommandHandler(IAuthDbContext db, TimeProvider clock)
    : ICommandHandler<RevokeOtherSessionsCommand, RevokeOtherSessionsResult>
{
    public async ValueTask<RevokeOtherSessionsResult> Handle(RevokeOtherSessionsCommand command, CancellationToken cancellationToken)
    {
        var others = await db.Sessions
            .Where(s => s.UserId == command.UserId && s.Id != command.CurrentSessionId && s.RevokedAt == null)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var session in others) session.Revoke(RevocationReasons.RevokedByUser, now);
        await db.SaveChangesAsync(cancellationToken);
        return new RevokeOtherSessionsResult(others.Count);
    }
}
