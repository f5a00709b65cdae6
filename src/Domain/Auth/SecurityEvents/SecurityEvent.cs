using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.SecurityEvents;

/// <summary>
/// Something security-relevant that happened to an account, as metadata only: never a secret, code, hash or
/// key. Shown to the user (<c>pm security-log</c>); every event is also appended to the tenant's audit log in the same
/// transaction (ADR-0025).
/// </summary>
public sealed class SecurityEvent
{
    public const int MaxDetailsLength = 1000;

    private SecurityEvent() { }

    public Guid Id { get; private set; }
    public UserId UserId { get; private set; }
    public TenantId TenantId { get; private set; }
    public string Type { get; private set; } = null!;
    public DateTimeOffset OccurredAt { get; private set; }
    public string? IpAddress { get; private set; }
    public string? DeviceName { get; private set; }

    /// <summary>A small JSON object of non-secret facts (e.g. how many recovery codes remain).</summary>
    public string? Details { get; private set; }

    /// <summary>Whether the attempt succeeded; kept in the audit log only (the type already says it to the user).</summary>
    public string Outcome { get; private set; } = "success";

    /// <summary>What the event acted on (a session, an API key), for the audit log only.</summary>
    public string? ObjectType { get; private set; }

    public Guid? ObjectId { get; private set; }

    public static SecurityEvent Occurred(
        UserId user, TenantId tenant, string type, DateTimeOffset now, string? ipAddress, string? deviceName, string? details,
        bool succeeded = true, string? objectType = null, Guid? objectId = null)
    {
        if (details is { Length: > MaxDetailsLength }) throw new ArgumentException("Security event details are metadata, kept small.", nameof(details));
        return new SecurityEvent
        {
            Id = Guid.CreateVersion7(now),
            UserId = user,
            TenantId = tenant,
            Type = type,
            OccurredAt = now,
            IpAddress = ipAddress,
            DeviceName = deviceName,
            Details = details,
            Outcome = succeeded ? "success" : "failure",
            ObjectType = objectType,
            ObjectId = objectId,
        };
    }
}

/// <summary>The stable <see cref="SecurityEvent.Type"/> values clients may show.</summary>
public static class SecurityEventTypes
{
    public const string MfaEnabled = "mfa_enabled";
    public const string MfaDisabled = "mfa_disabled";
    public const string RecoveryCodeUsed = "recovery_code_used";
    public const string RecoveryCodesRegenerated = "recovery_codes_regenerated";
    public const string LoginThrottled = "login_throttled";
    public const string LoginWithMfa = "login_with_mfa";
    public const string PasswordChanged = "password_changed";
    public const string KeysRotated = "keys_rotated";
    public const string Login = "login";
    public const string LoginFailed = "login_failed";
    public const string Logout = "logout";
    public const string SessionRevoked = "session_revoked";
    public const string OtherSessionsRevoked = "other_sessions_revoked";
    public const string ApiKeyCreated = "api_key_created";
    public const string ApiKeyRevoked = "api_key_revoked";
    public const string ApiKeyUsed = "api_key_used";
}
