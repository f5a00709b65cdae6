using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Email;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.Sessions.Login;

/// <summary>
/// The end of every successful login: the device's previous session is replaced by a new one, and the tokens and keys
/// are released. A sign-in on a device the account never used, when it already used another, is mailed to the owner's
/// verified address.
/// </summary>
public sealed class DeviceLogin(IAuthDbContext db, IAccessTokenIssuer tokens, AccountMail mail, AuthPolicy policy, TimeProvider clock)
{
    public async Task<LoginResult> StartSessionAsync(User user, Guid deviceId, string deviceName, DeviceType deviceType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        var previousOnDevice = await db.Sessions
            .Where(s => s.UserId == user.Id && s.DeviceId == deviceId && s.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var previous in previousOnDevice) previous.Revoke(RevocationReasons.ReplacedByNewLogin, now);
        if (previousOnDevice.Count == 0 && user.HasVerifiedEmail
            && !await db.Sessions.AnyAsync(s => s.UserId == user.Id && s.DeviceId == deviceId, cancellationToken)
            && await db.Sessions.AnyAsync(s => s.UserId == user.Id, cancellationToken))
            mail.Notify(user, SecurityEventTypes.NewDeviceSignIn, deviceName.Trim());

        var refreshToken = OpaqueToken.Generate();
        var (session, token) = DeviceSession.Start(
            user.Id, deviceId, deviceName.Trim(), deviceType, OpaqueToken.Hash(refreshToken), now, policy.RefreshTokenLifetime);
        db.Sessions.Add(session);
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);

        var access = tokens.Issue(user, session.Id, policy.IsInstanceAdministrator(user.NormalizedUsername));
        return new LoginResult(access.Token, access.ExpiresAt, refreshToken, session.Id, UnlockMaterial.Of(user));
    }
}
