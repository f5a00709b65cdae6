using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.Logout;

public sealed record LogoutCommand(UserId UserId, Guid SessionId) : ICommand<Result>;

public sealed class LogoutCommandHandler(IAuthDbContext db, TimeProvider clock) : ICommandHandler<LogoutCommand, Result>
{
    public async ValueTask<Result> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(
            s => s.Id == command.SessionId && s.UserId == command.UserId, cancellationToken);
        session?.Revoke(RevocationReasons.Logout, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
