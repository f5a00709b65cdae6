using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.VerifyEmail;

/// <summary>
/// Proves the owner reads the account's address: the code from the verification mail, single use, before it expires.
/// The code is a high-entropy bearer secret, so the caller need not be signed in (the link may be opened anywhere).
/// </summary>
public sealed record VerifyEmailCommand(string Code) : ICommand<Result>;

public sealed class VerifyEmailCommandHandler(IAuthDbContext db, ISecurityEventRecorder events, TimeProvider clock) : ICommandHandler<VerifyEmailCommand, Result>
{
    public async ValueTask<Result> Handle(VerifyEmailCommand command, CancellationToken cancellationToken)
    {
        var hash = OpaqueToken.Hash(command.Code);
        var user = await db.Users.SingleOrDefaultAsync(u => u.EmailVerificationHash == hash, cancellationToken);
        if (user is null) return new EmailVerificationInvalid();
        var verified = user.VerifyEmail(clock.GetUtcNow());
        if (verified) events.Record(user, SecurityEventTypes.EmailVerified);
        await db.SaveChangesAsync(cancellationToken);
        return verified ? Result.Success() : new EmailVerificationInvalid();
    }
}
