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

    /// <summary>Another device created the account's personal vault first.</summary>
    public const string PersonalVaultExists = "vault.personal_exists";

    /// <summary>A write named a version that is no longer the entry's current one; <c>details</c> holds the current state.</summary>
    public const string StaleVersion = "vault.stale_version";

    /// <summary>The vault was re-keyed since the client read its key epoch.</summary>
    public const string StaleKeyEpoch = "vault.stale_key_epoch";

    /// <summary>The sync cursor is older than the kept tombstones: sync again from the start.</summary>
    public const string ResyncRequired = "vault.resync_required";

    /// <summary>A re-key's entries, attachments or members are not exactly the vault's (someone wrote in between).</summary>
    public const string RekeyMismatch = "vault.rekey_mismatch";

    /// <summary>A write's history record does not extend the vault's head (someone wrote first); <c>details</c>: the head.</summary>
    public const string HistoryHeadMoved = "vault.history_head_moved";

    /// <summary>The vault keeps a signed history and the write carried no record.</summary>
    public const string HistoryRecordRequired = "vault.history_record_required";

    /// <summary>A head this device holds is not in the server's chain (ADR-0032 §4).</summary>
    public const string HistoryFork = "vault.history_fork";

    /// <summary>A staged re-key session is already open for the vault; <c>details.sessionId</c> names it.</summary>
    public const string RekeySessionOpen = "vault.rekey_session_open";

    /// <summary>The server stores blobs where it cannot presign a URL: download through the API.</summary>
    public const string PresignedUrlsUnavailable = "vault.presigned_urls_unavailable";

    /// <summary>An archive made by another account: only its owner may import it.</summary>
    public const string ArchiveOfAnotherAccount = "vault.archive_of_another_account";
}
