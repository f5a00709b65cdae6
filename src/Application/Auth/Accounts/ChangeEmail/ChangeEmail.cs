using Mediator;
using PasswordManager.Application.Auth.Email;
using PasswordManager.Application.Auth.Mfa;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Accounts.ChangeEmail;

/// <summary>
/// Sets (or, with null, removes) the account's email address, re-authenticated like every account change. The new
/// address is unverified: it gets only the verification mail until its code is redeemed; a verified old address is told.
/// </summary>
public sealed record ChangeEmailCommand(UserId UserId, string? Email, string AuthHash, string? Code = null, string? RecoveryCode = null)
    : ICommand<Result>;

public sealed class ChangeEmailCommandHandler(
    IAuthDbContext db, Reauthentication reauthentication, AccountMail mail, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<ChangeEmailCommand, Result>
{
    public async ValueTask<Result> Handle(ChangeEmailCommand command, CancellationToken cancellationToken)
    {
        var verified = await reauthentication.VerifyWithSecondFactorAsync(
            command.UserId, command.AuthHash, command.Code, command.RecoveryCode, cancellationToken);
        if (verified.IsFailure) return verified.Error;
        var user = verified.Value;

        // Recorded before the change, so the notice goes to the old (verified) address.
        events.Record(user, SecurityEventTypes.EmailChanged);
        user.ChangeEmail(command.Email, clock.GetUtcNow());
        mail.SendVerification(user);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
