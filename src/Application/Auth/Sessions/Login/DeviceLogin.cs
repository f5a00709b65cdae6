using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Email;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.Login;

/// <summary>
/// The end of every successful login: the device's previous session is replaced by a new one, and the tokens and keys are
/// released. A new device counts against the plan's device limit per account, checked under a lock of the account's row
/// (not the tenant's quota lock: logins of different accounts never wait for each other). A sign-in on a
/// device the account never used, when it already used another, is mailed to the owner's verified address (ADR-0026).
/// </summary>
public sealed class DeviceLogin(IAuthDbContext db, IAccessTokenIssuer tokens, ISender sender, AccountMail mail, AuthPolicy policy, TimeProvider clock)
{
    public async Task<Result<LoginResult>> StartSessionAsync(User user, Guid deviceId, string deviceName, DeviceType deviceType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await db.LockUserAsync(user.Id, cancellationToken);
        // A session idle past the refresh-token lifetime can never be used again: it is no longer a device.
        var idleSince = now - policy.RefreshTokenLifetime;
        var otherDevices = await db.Sessions.LongCountAsync(
            s => s.UserId == user.Id && s.DeviceId != deviceId && s.RevokedAt == null && s.LastSeenAt > idleSince, cancellationToken);
        var withinPlan = await sender.Send(new CheckQuotaQuery(user.TenantId.Value, Entitlement.Devices, otherDevices), cancellationToken);
        if (withinPlan.IsFailure) return withinPlan.Error;

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
        await transaction.CommitAsync(cancellationToken);

        var access = tokens.Issue(user, session.Id, policy.IsInstanceAdministrator(user.NormalizedUsername));
        return new LoginResult(access.Token, access.ExpiresAt, refreshToken, session.Id, UnlockMaterial.Of(user));
    }
}
