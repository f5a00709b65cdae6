using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Application.Auth.Throttling;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Mfa.DisableMfa;

/// <summary>
/// Turns MFA off: needs a fresh authHash and a code or a recovery code, and a tenant that does not require MFA. The secret
/// and the recovery codes are deleted.
/// </summary>
public sealed record DisableMfaCommand(UserId UserId, string AuthHash, string? Code, string? RecoveryCode) : ICommand<Result>;

public sealed class DisableMfaCommandHandler(
    IAuthDbContext db, Reauthentication reauthentication, SecondFactor secondFactor, LoginThrottleGuard throttle,
    TotpSecrets secrets, ISecurityEventRecorder events, ISender sender)
    : ICommandHandler<DisableMfaCommand, Result>
{
    public async ValueTask<Result> Handle(DisableMfaCommand command, CancellationToken cancellationToken)
    {
        var user = await reauthentication.VerifyAsync(command.UserId, command.AuthHash, cancellationToken);
        if (user.IsFailure) return user.Error;
        if (!await db.TotpAuthenticators.AnyAsync(t => t.UserId == command.UserId && t.ConfirmedAt != null, cancellationToken))
            return new MfaNotEnabled();
        if ((await sender.Send(new GetSignInPolicyQuery(user.Value.TenantId.Value), cancellationToken)).MfaRequired)
            return new MfaRequiredByPolicy();

        var check = await secondFactor.VerifyAsync(user.Value, command.Code, command.RecoveryCode, cancellationToken);
        if (!check.Accepted)
        {
            await throttle.RecordFailureAsync(user.Value.NormalizedUsername, user.Value, deviceName: null, cancellationToken);
            return new MfaCodeInvalid();
        }

        await db.TotpAuthenticators.Where(t => t.UserId == command.UserId).ExecuteDeleteAsync(cancellationToken);
        await db.RecoveryCodes.Where(c => c.UserId == command.UserId).ExecuteDeleteAsync(cancellationToken);
        if (check.UsedRecoveryCode)
            events.Record(user.Value, SecurityEventTypes.RecoveryCodeUsed, details: new Dictionary<string, object> { ["remaining"] = 0 });
        events.Record(user.Value, SecurityEventTypes.MfaDisabled);
        await db.SaveChangesAsync(cancellationToken);
        await secrets.DeleteAsync(user.Value.TenantId, user.Value.Id, cancellationToken);
        return Result.Success();
    }
}
