using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.SecurityEvents;

/// <summary>
/// Something security-relevant that happened to an account, as metadata only: never a secret, code, hash or
/// key. Shown to the user (<c>pm security-log</c>); the audit log is meant to adopt this table.
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

    public static SecurityEvent Occurred(
        UserId user, TenantId tenant, string type, DateTimeOffset now, string? ipAddress, string? deviceName, string? details)
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
}
