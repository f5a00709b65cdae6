using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.SetPasswordHint;

/// <summary>Replaces the account's password hint; null or blank removes it. The hint is stored as given (plain text).</summary>
public sealed record SetPasswordHintCommand(UserId UserId, string? PasswordHint) : ICommand<Result>;

public sealed class SetPasswordHintCommandHandler(IAuthDbContext db, TimeProvider clock) : ICommandHandler<SetPasswordHintCommand, Result>
{
    public async ValueTask<Result> Handle(SetPasswordHintCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null) return new UserNotFound();
        user.SetPasswordHint(command.PasswordHint, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
