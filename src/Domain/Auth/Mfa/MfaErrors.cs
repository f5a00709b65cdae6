using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Mfa;

public sealed record MfaRequired(string Ticket, DateTimeOffset ExpiresAt)
    : UnauthorizedError("auth.mfa_required", "This account needs a second factor. Send a code with the MFA ticket to /api/v1/auth/login/mfa.")
{
    public override object? Details => new { mfaTicket = Ticket, expiresAt = ExpiresAt };
}

public sealed record MfaTicketInvalid()
    : UnauthorizedError("auth.mfa_ticket_invalid", "The MFA ticket is unknown, used, expired or belongs to another device. Log in again.");

public sealed record MfaCodeInvalid()
    : ForbiddenError("auth.mfa_code_invalid", "The code is wrong, expired or was already used.");

public sealed record MfaAlreadyEnabled()
    : ConflictError("auth.mfa_already_enabled", "Two-factor authentication is already on. Disable it first to enrol a new authenticator.");

public sealed record MfaNotEnabled()
    : ConflictError("auth.mfa_not_enabled", "Two-factor authentication is not on for this account.");

public sealed record MfaEnrolmentNotStarted()
    : ConflictError("auth.mfa_enrolment_not_started", "There is no pending authenticator to confirm. Start with POST /api/v1/auth/mfa/totp.");

public sealed record MfaCodeRequired()
    : ForbiddenError("auth.mfa_code_required", "Two-factor authentication is on: send a current code or a recovery code with this change.");
