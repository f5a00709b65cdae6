using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Mfa.ConfirmTotp;

/// <summary>Turns MFA on with a first code from the enrolled authenticator; answers the recovery codes, shown this once.</summary>
public sealed record ConfirmTotpCommand(UserId UserId, string Code) : ICommand<Result<RecoveryCodesResult>>;

public sealed record RecoveryCodesResult(IReadOnlyList<string> RecoveryCodes);

public sealed class ConfirmTotpCommandHandler(
    IAuthDbContext db, TotpSecrets secrets, ITotpCodes totp, RecoveryCodes recoveryCodes, ISecurityEventRecorder events, ISender sender,
    TimeProvider clock)
    : ICommandHandler<ConfirmTotpCommand, Result<RecoveryCodesResult>>
{
    public async ValueTask<Result<RecoveryCodesResult>> Handle(ConfirmTotpCommand command, CancellationToken cancellationToken)
    {
        var authenticator = await db.TotpAuthenticators.SingleOrDefaultAsync(t => t.UserId == command.UserId, cancellationToken);
        if (authenticator is null) return new MfaEnrolmentNotStarted();
        if (authenticator.IsEnabled) return new MfaAlreadyEnabled();
        var user = await db.Users.SingleAsync(u => u.Id == command.UserId, cancellationToken);
        // An enrolment started before a downgrade is not finished after it.
        var offered = await sender.Send(new CheckMfaMethodQuery(user.TenantId.Value, MfaMethod.Totp), cancellationToken);
        if (offered.IsFailure) return offered.Error;

        var secret = await secrets.GetAsync(user.TenantId, user.Id, cancellationToken);
        if (secret.IsFailure) return secret.Error;
        if (secret.Value is null) return new MfaEnrolmentNotStarted();
        var now = clock.GetUtcNow();
        if (totp.Match(secret.Value, command.Code, now) is not { } step) return new MfaCodeInvalid();

        authenticator.Confirm(step, now);
        var codes = await recoveryCodes.ReplaceAsync(user.Id, now, cancellationToken);
        events.Record(user, SecurityEventTypes.MfaEnabled, details: new Dictionary<string, object> { ["method"] = "totp" });
        await db.SaveChangesAsync(cancellationToken);

        return new RecoveryCodesResult(codes);
    }
}
