using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Email;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.RequestPasswordHint;

/// <summary>
/// Mails the account's password hint to its verified address. The answer is the same whether or not the account
/// exists or has a verified address, and takes at least <see cref="AuthPolicy.MailRequestMinimumDuration"/>; the mail
/// is only queued, never sent within the request.
/// </summary>
public sealed record RequestPasswordHintCommand(string EmailOrUsername) : ICommand<Result>;

public sealed class RequestPasswordHintCommandHandler(IAuthDbContext db, AccountMail mail, AuthPolicy policy, TimeProvider clock)
    : ICommandHandler<RequestPasswordHintCommand, Result>
{
    public async ValueTask<Result> Handle(RequestPasswordHintCommand command, CancellationToken cancellationToken)
    {
        var answerAt = clock.GetUtcNow() + policy.MailRequestMinimumDuration;
        var key = command.EmailOrUsername.Trim();
        var email = key.ToLowerInvariant();
        var normalized = Username.Normalize(key);
        var user = await db.Users
            .Where(u => u.NormalizedUsername == normalized || (u.Email == email && u.EmailVerifiedAt != null))
            .OrderBy(u => u.NormalizedUsername == normalized ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
        if (user is not null)
        {
            mail.SendPasswordHint(user);
            await db.SaveChangesAsync(cancellationToken);
        }

        var remaining = answerAt - clock.GetUtcNow();
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining, clock, cancellationToken);
        return Result.Success();
    }
}
