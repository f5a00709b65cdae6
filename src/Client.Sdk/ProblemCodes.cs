namespace PasswordManager.Client.Sdk;

/// <summary>ProblemDetails codes the SDK and its callers react to.</summary>
public static class ProblemCodes
{
    public const string InvalidCredentials = "auth.invalid_credentials";
    public const string InvalidRefreshToken = "auth.invalid_refresh_token";
    public const string SessionExpired = "auth.session_expired";
    public const string RefreshTokenReused = "auth.refresh_token_reused";
    public const string Unauthenticated = "auth.unauthenticated";

    /// <summary>Reserved for TOTP MFA: login answers it when the account needs a second factor and none was sent.</summary>
    public const string MfaRequired = "auth.mfa_required";

    public const string ValidationFailed = "request.validation_failed";
}
