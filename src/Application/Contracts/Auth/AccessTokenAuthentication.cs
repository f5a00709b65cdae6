namespace PasswordManager.Application.Contracts.Auth;

/// <summary>
/// The wire contract of a bearer access token's refusal beyond "missing, expired or invalid": the failure codes the
/// bearer validation leaves for the ProblemDetails writer (docs/decisions/ADR-0018-instant-session-revocation.md).
/// </summary>
public static class AccessTokenAuthentication
{
    /// <summary>The token is genuine and unexpired, but its session has been revoked (logout, revoke, reuse, …).</summary>
    public const string SessionRevokedCode = "auth.session_revoked";

    /// <summary>The <c>HttpContext.Items</c> entry that carries a failure code from the bearer validation to the 401 answer.</summary>
    public const string FailureCodeItem = "pm.access_token_failure";
}
