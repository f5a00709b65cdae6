using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Domain.Auth.Throttling;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.Throttling;

/// <summary>The per-account login throttle as the login use cases apply it.</summary>
public sealed class LoginThrottleGuard(
    IAuthDbContext db, ILoginThrottleStore store, LoginThrottlePolicy policy, ISecurityEventRecorder events, AuthMetrics metrics, TimeProvider clock)
{
    /// <summary>
    /// The refusal to answer while the account is blocked, or null to go on. A device that holds an active
    /// session of the account is let through (it still has to present the right credentials), so someone who
    /// only guesses cannot lock the owner out of a device they already use.
    /// </summary>
    public async Task<LoginThrottled?> CheckAsync(string accountKey, User? user, Guid? deviceId, CancellationToken cancellationToken)
    {
        var blockedUntil = await store.BlockedUntilAsync(accountKey, cancellationToken);
        var now = clock.GetUtcNow();
        if (blockedUntil is null || blockedUntil <= now) return null;
        if (user is not null && deviceId is { } device
            && await db.Sessions.AnyAsync(s => s.UserId == user.Id && s.DeviceId == device && s.RevokedAt == null, cancellationToken))
            return null;
        metrics.Throttled();
        return new LoginThrottled(blockedUntil.Value - now);
    }

    public async Task RecordFailureAsync(string accountKey, User? user, string? deviceName, CancellationToken cancellationToken)
    {
        var failure = await store.RecordFailureAsync(accountKey, clock.GetUtcNow(), policy, cancellationToken);
        if (user is null || failure.Failures != policy.FreeFailures) return;
        events.Record(user, SecurityEventTypes.LoginThrottled, deviceName, new Dictionary<string, object> { ["failures"] = failure.Failures });
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task ResetAsync(string accountKey, CancellationToken cancellationToken) => store.ResetAsync(accountKey, cancellationToken);
}
