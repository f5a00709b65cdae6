using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Mfa.ConfirmTotp;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Mfa.RegenerateRecoveryCodes;

/// <summary>A new set of recovery codes in place of the old one; needs a fresh authHash and a TOTP code.</summary>
public sealed record RegenerateRecoveryCodesCommand(UserId UserId, string AuthHash, string Code) : ICommand<Result<RecoveryCodesResult>>;

public sealed class RegenerateRecoveryCodesCommandHandler(
    IAuthDbContext db, Reauthentication reauthentication, RecoveryCodes recoveryCodes, ISecurityEventRecorder events, TimeProvider clock)
    : ICommandHandler<RegenerateRecoveryCodesCommand, Result<RecoveryCodesResult>>
{
    public async ValueTask<Result<RecoveryCodesResult>> Handle(RegenerateRecoveryCodesCommand command, CancellationToken cancellationToken)
    {
        var user = await reauthentication.VerifyAsync(command.UserId, command.AuthHash, cancellationToken);
        if (user.IsFailure) return user.Error;
        if (!await db.TotpAuthenticators.AnyAsync(t => t.UserId == command.UserId && t.ConfirmedAt != null, cancellationToken))
            return new MfaNotEnabled();

        var spent = await reauthentication.SpendSecondFactorAsync(user.Value, command.Code, recoveryCode: null, cancellationToken);
        if (spent.IsFailure) return spent.Error;

        var codes = await recoveryCodes.ReplaceAsync(user.Value.Id, clock.GetUtcNow(), cancellationToken);
        events.Record(user.Value, SecurityEventTypes.RecoveryCodesRegenerated, details: new Dictionary<string, object> { ["count"] = codes.Count });
        await db.SaveChangesAsync(cancellationToken);
        return new RecoveryCodesResult(codes);
    }
}
