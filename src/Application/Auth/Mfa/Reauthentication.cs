using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Application.Auth.Throttling;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Mfa;

/// <summary>
/// A fresh authHash from a signed-in user before a sensitive change, so a stolen access token alone cannot make
/// it. Wrong authHashes and wrong second factors count towards the account's login throttle like failed logins.
/// </summary>
public sealed class Reauthentication(
    IAuthDbContext db, IAuthHashHasher hasher, LoginThrottleGuard throttle, SecondFactor secondFactor, ISecurityEventRecorder events)
{
    public async Task<Result<User>> VerifyAsync(UserId userId, string authHash, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return new SessionExpired();

        // No known-device exemption here: every caller of this has a session.
        var blocked = await throttle.CheckAsync(user.NormalizedUsername, user, deviceId: null, cancellationToken);
        if (blocked is not null) return blocked;
        if (hasher.Verify(user.AuthVerifier, Convert.FromBase64String(authHash)) == AuthHashVerification.Failed)
        {
            await throttle.RecordFailureAsync(user.NormalizedUsername, user, deviceName: null, cancellationToken);
            return new WrongMasterPassword();
        }

        return user;
    }

    /// <summary>
    /// <see cref="VerifyAsync"/>, then — when the account has MFA on — a TOTP code or a recovery code, which is spent.
    /// A spent recovery code is recorded as a security event in the caller's save.
    /// </summary>
    public async Task<Result<User>> VerifyWithSecondFactorAsync(
        UserId userId, string authHash, string? code, string? recoveryCode, CancellationToken cancellationToken)
    {
        var user = await VerifyAsync(userId, authHash, cancellationToken);
        if (user.IsFailure) return user;
        if (!await db.TotpAuthenticators.AnyAsync(t => t.UserId == userId && t.ConfirmedAt != null, cancellationToken)) return user;
        if (code is null && recoveryCode is null) return new MfaCodeRequired();

        var spent = await SpendSecondFactorAsync(user.Value, code, recoveryCode, cancellationToken);
        return spent.IsFailure ? spent.Error : user;
    }

    /// <summary>
    /// Checks and spends a TOTP code or a recovery code of a user whose MFA is on. A wrong one counts towards the
    /// account's throttle; a spent recovery code is recorded as a security event in the caller's save.
    /// </summary>
    public async Task<Result> SpendSecondFactorAsync(User user, string? code, string? recoveryCode, CancellationToken cancellationToken)
    {
        var check = await secondFactor.VerifyAsync(user, code, recoveryCode, cancellationToken);
        if (!check.Accepted)
        {
            await throttle.RecordFailureAsync(user.NormalizedUsername, user, deviceName: null, cancellationToken);
            return new MfaCodeInvalid();
        }

        if (check.UsedRecoveryCode)
            events.Record(user, SecurityEventTypes.RecoveryCodeUsed,
                details: new Dictionary<string, object> { ["remaining"] = check.RecoveryCodesRemaining ?? 0 });
        return Result.Success();
    }
}
