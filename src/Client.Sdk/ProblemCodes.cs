namespace PasswordManager.Client.Sdk;

/// <summary>ProblemDetails codes the SDK and its callers react to.</summary>
public static class ProblemCodes
{
    public const string InvalidCredentials = "auth.invalid_credentials";
    public const string OidcIdentityNotLinked = "auth.oidc_identity_not_linked";
    public const string OidcInvalid = "auth.oidc_invalid";
    public const string SignInMethodNotAllowed = "auth.sign_in_method_not_allowed";
    public const string MfaEnrolmentRequired = "auth.mfa_enrolment_required";
    public const string InvalidRefreshToken = "auth.invalid_refresh_token";
    public const string SessionExpired = "auth.session_expired";

    /// <summary>The access token's session was revoked (logout elsewhere, password change, revoke): no refresh can help.</summary>
    public const string SessionRevoked = "auth.session_revoked";
    public const string RefreshTokenReused = "auth.refresh_token_reused";
    public const string Unauthenticated = "auth.unauthenticated";

    /// <summary>Login answers it when the account has MFA on; <c>details.mfaTicket</c> continues at <c>/login/mfa</c>.</summary>
    public const string MfaRequired = "auth.mfa_required";

    public const string MfaCodeInvalid = "auth.mfa_code_invalid";
    public const string MfaTicketInvalid = "auth.mfa_ticket_invalid";
    public const string LoginThrottled = "auth.login_throttled";

    public const string ValidationFailed = "request.validation_failed";
}
