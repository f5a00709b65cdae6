using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Throttling;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Mfa;

/// <summary>
/// A fresh authHash from a signed-in user before a sensitive change, so a stolen access token alone cannot
/// turn MFA off. Wrong authHashes count towards the account's login throttle like failed logins.
/// </summary>
public sealed class Reauthentication(IAuthDbContext db, IAuthHashHasher hasher, LoginThrottleGuard throttle)
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
            return new ReauthenticationFailed();
        }

        return user;
    }
}
