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
    /// <summary>Mailed to the owner (ADR-0026), not recorded: the session list already shows every device.</summary>
    public const string NewDeviceSignIn = "new_device_sign_in";
    public const string EmailChanged = "email_changed";
    public const string EmailVerified = "email_verified";

    // Administration (ADR-0021): recorded on the account acted on, with the acting administrator's id in the details;
    // a deleted account's events go with it, so its deletion and the tenant actions are recorded on the administrator.
    public const string RoleChangedByAdmin = "role_changed_by_admin";
    public const string DisabledByAdmin = "account_disabled_by_admin";
    public const string EnabledByAdmin = "account_enabled_by_admin";
    public const string SessionsRevokedByAdmin = "sessions_revoked_by_admin";
    public const string MfaResetByAdmin = "mfa_reset_by_admin";
    public const string AdminDeletedUser = "admin_deleted_user";
    public const string AdminResentInvitation = "admin_resent_invitation";
    public const string AdminCancelledInvitation = "admin_cancelled_invitation";
    public const string AdminCreatedTenant = "admin_created_tenant";
    public const string AdminRenamedTenant = "admin_renamed_tenant";
    public const string AdminSuspendedTenant = "admin_suspended_tenant";
    public const string AdminUnsuspendedTenant = "admin_unsuspended_tenant";
    public const string AdminDeletedTenant = "admin_deleted_tenant";
    public const string Login = "login";
    public const string LoginFailed = "login_failed";
    public const string Logout = "logout";
    public const string SessionRevoked = "session_revoked";
    public const string OtherSessionsRevoked = "other_sessions_revoked";
    public const string ApiKeyCreated = "api_key_created";
    public const string ApiKeyRevoked = "api_key_revoked";
    public const string ApiKeyUsed = "api_key_used";
    public const string OidcIdentityLinked = "oidc_identity_linked";
    public const string OidcIdentityUnlinked = "oidc_identity_unlinked";
}
