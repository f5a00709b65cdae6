using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth;

public sealed record InvalidCredentials()
    : UnauthorizedError("auth.invalid_credentials", "The username or password is incorrect.");

public sealed record InvalidRefreshToken()
    : UnauthorizedError("auth.invalid_refresh_token", "The refresh token is not valid.");

public sealed record SessionExpired()
    : UnauthorizedError("auth.session_expired", "The session has ended. Log in again.");

public sealed record RefreshTokenReused()
    : UnauthorizedError("auth.refresh_token_reused", "The refresh token was already used. The session has been revoked; log in again.");

public sealed record SessionNotFound(Guid SessionId)
    : NotFoundError("auth.session_not_found", "The session does not exist.");

public sealed record UsernameUnavailable()
    : ConflictError("auth.username_unavailable", "This username cannot be registered. Choose another one.");

public sealed record RegistrationClosed()
    : ForbiddenError("auth.registration_closed", "Registration is closed on this server.");

public sealed record InvitationRequired()
    : ForbiddenError("auth.invitation_required", "Registration on this server needs a valid invitation code.");

public sealed record InvitationInvalid()
    : ForbiddenError("auth.invitation_invalid", "The invitation code is unknown, used or expired.");

public sealed record InvitationNotAllowed()
    : ForbiddenError("auth.invitation_not_allowed", "Only tenant admins may invite, and not to a role above their own.");

public sealed record UserNotFound()
    : NotFoundError("auth.user_not_found", "No such user.");

public sealed record ApiKeyNotFound(string ApiKeyId)
    : NotFoundError("auth.api_key_not_found", "The API key does not exist.");

public sealed record ApiKeyScopeNotAllowed(string Scope)
    : ForbiddenError("auth.api_key_scope_not_allowed", $"Only tenant owners and admins may create keys with the '{Scope}' scope.");

public sealed record ApiKeyLimitReached(int Limit)
    : ForbiddenError("auth.api_key_limit_reached", $"You already have {Limit} active API keys. Revoke one first.");

/// <summary>A step-up check on an authenticated request: the presented current authHash is not the account's.</summary>
public sealed record WrongMasterPassword()
    : ForbiddenError("auth.wrong_master_password", "The current master password is incorrect.");

/// <summary>The name (or id) belonged to a deleted account and stays reserved, so nobody can take over an identity others have pinned.</summary>
public sealed record UsernameReserved()
    : ConflictError("auth.username_reserved", "This username belonged to a deleted account and is reserved for now. Choose another one.");

/// <summary>The account still holds shared vaults others depend on; <see cref="Vaults"/> says which and why.</summary>
public sealed record AccountDeletionBlocked(IReadOnlyList<AccountDeletionBlockingVault> Vaults)
    : ConflictError(
        "auth.account_deletion_blocked",
        "The account owns, is the only admin of, or signed other members' access to vaults shared with others. Transfer, delete or re-key them first.")
{
    public override object? Details => new { Vaults };
}

public sealed record AccountDeletionBlockingVault(Guid VaultId, string Reason);

/// <summary>
/// A key rotation whose hand-over does not start from the account's current bundle (another device rotated first), or
/// whose access records are not exactly the account's current ones at their current key epochs: nothing was changed.
/// </summary>
public sealed record KeyRotationConflict(string Reason)
    : ConflictError("auth.key_rotation_conflict", $"The key rotation does not match the account's current state ({Reason}). Sync and run it again.");

/// <summary>An administrator disabled the account: no login, refresh or API key works until it is enabled again.</summary>
public sealed record AccountDisabled()
    : ForbiddenError("auth.account_disabled", "This account is disabled by an administrator.");

/// <summary>An instance administrator suspended the account's tenant: nobody of it can log in, refresh or use an API key.</summary>
public sealed record TenantSuspended()
    : ForbiddenError("auth.tenant_suspended", "This account's organisation is suspended by the instance administrator.");

/// <summary>The code is unknown, used, expired, or belongs to an address that has since changed.</summary>
public sealed record EmailVerificationInvalid()
    : ValidationError("auth.email_verification_invalid", "The verification code is not valid. Ask for a new one.");

/// <summary>The sign-in link's token is unknown, used or expired, or the verifier is not the requesting device's.</summary>
public sealed record MagicLinkInvalid()
    : UnauthorizedError("auth.magic_link_invalid", "The sign-in link is not valid. Ask for a new one from this device.");

/// <summary>The tenant's policy (its plan's entitlements and overrides) does not allow this way of signing in.</summary>
public sealed record SignInMethodNotAllowed(string Method)
    : ForbiddenError("auth.sign_in_method_not_allowed", $"Signing in by {Method} is not allowed for this account's organisation.")
{
    public override object? Details => new { method = Method };
}

/// <summary>The tenant requires a second factor and the account has none: enrol one from a signed-in device first.</summary>
public sealed record MfaEnrolmentRequired()
    : ForbiddenError("auth.mfa_enrolment_required", "This organisation requires two-factor authentication. Enable it (pm mfa enable) from a device that is still signed in, or ask an administrator.");

/// <summary>The tenant requires a second factor, so its members cannot turn theirs off (an administrator can reset it).</summary>
public sealed record MfaRequiredByPolicy()
    : ConflictError("auth.mfa_required_by_policy", "This organisation requires two-factor authentication, so it cannot be turned off. To move to a new authenticator, ask an administrator to reset it.");
