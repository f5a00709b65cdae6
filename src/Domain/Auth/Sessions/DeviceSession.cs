using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Sessions;

/// <summary>
/// A login of one device: the family of refresh tokens that descend from that login. Revoking the session
/// invalidates every token of the family.
/// </summary>
public sealed class DeviceSession
{
    private DeviceSession() { }

    public Guid Id { get; private set; }
    public UserId UserId { get; private set; }
    public Guid DeviceId { get; private set; }
    public string DeviceName { get; private set; } = null!;
    public DeviceType DeviceType { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevocationReason { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static (DeviceSession Session, RefreshToken Token) Start(
        UserId user, Guid deviceId, string deviceName, DeviceType deviceType, byte[] tokenHash, DateTimeOffset now, TimeSpan tokenLifetime)
    {
        var session = new DeviceSession
        {
            Id = Guid.CreateVersion7(now),
            UserId = user,
            DeviceId = deviceId,
            DeviceName = deviceName,
            DeviceType = deviceType,
            CreatedAt = now,
            LastSeenAt = now,
        };
        return (session, RefreshToken.Issue(session.Id, tokenHash, now, tokenLifetime));
    }

    /// <summary>
    /// Exchanges <paramref name="presented"/> for a new token. <paramref name="unusedSiblings"/> are the
    /// family's other unused tokens; they are retired so only the newest chain stays valid. A token used
    /// within <paramref name="reuseGrace"/> may be exchanged again (two requests of one client racing);
    /// after that, its reuse means it was copied, and the whole family is revoked.
    /// </summary>
    public Result<RefreshToken> Rotate(
        RefreshToken presented, IEnumerable<RefreshToken> unusedSiblings, byte[] newTokenHash,
        DateTimeOffset now, TimeSpan reuseGrace, TimeSpan tokenLifetime)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(unusedSiblings);
        if (presented.SessionId != Id) throw new ArgumentException("The token belongs to another session.", nameof(presented));
        if (!IsActive || now >= presented.ExpiresAt) return new SessionExpired();

        if (presented.UsedAt is { } usedAt)
        {
            if (now - usedAt > reuseGrace)
            {
                Revoke(RevocationReasons.RefreshTokenReused, now);
                return new RefreshTokenReused();
            }
        }
        else
        {
            foreach (var sibling in unusedSiblings) sibling.MarkUsed(now);
            presented.MarkUsed(now);
        }

        LastSeenAt = now;
        return RefreshToken.Issue(Id, newTokenHash, now, tokenLifetime);
    }

    public void Revoke(string reason, DateTimeOffset now)
    {
        if (RevokedAt is not null) return;
        (RevokedAt, RevocationReason) = (now, reason);
    }
}

public static class RevocationReasons
{
    public const string Logout = "logout";
    public const string RevokedByUser = "revoked_by_user";
    public const string RefreshTokenReused = "refresh_token_reused";
    public const string ReplacedByNewLogin = "replaced_by_new_login";
    public const string PasswordChanged = "password_changed";
    public const string RevokedByAdministrator = "revoked_by_administrator";
    public const string AccountDisabled = "account_disabled";
    public const string RoleLowered = "role_lowered";
    public const string TenantSuspended = "tenant_suspended";
}
