namespace PasswordManager.Application.Contracts.Auth;

/// <summary>
/// The wire contract of API-key authentication, shared by the authentication handler and the endpoint gate:
/// header names, the scheme name, the claims of an API-key principal and the failure codes.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string KeyHeader = "X-Api-Key";
    public const string SecretHeader = "X-Api-Secret";

    /// <summary>Set on every API-key principal; its value is the key id. A JWT principal never has it.</summary>
    public const string KeyIdClaim = "api_key_id";

    /// <summary>One claim per scope the key holds.</summary>
    public const string ScopeClaim = "scope";

    /// <summary>Unknown key, wrong secret, revoked key, malformed or missing header: one answer for all.</summary>
    public const string InvalidCode = "auth.invalid_api_key";

    /// <summary>The key and secret are right but the key has expired (only said to a caller who proved the secret).</summary>
    public const string ExpiredCode = "auth.api_key_expired";

    /// <summary>The key and secret are right but an administrator disabled its owner's account (ADR-0021).</summary>
    public const string AccountDisabledCode = "auth.account_disabled";

    /// <summary>The key and secret are right but the owner's tenant is suspended (ADR-0021).</summary>
    public const string TenantSuspendedCode = "auth.tenant_suspended";

    /// <summary>The endpoint does not accept API keys at all.</summary>
    public const string NotAllowedCode = "auth.api_key_not_allowed";

    /// <summary>The endpoint accepts API keys, but not this key's scopes.</summary>
    public const string ScopeMissingCode = "auth.api_key_scope_missing";

    /// <summary>The authentication properties item that carries the failure code from the handler to the gate.</summary>
    public const string FailureCodeItem = "pm.api_key_failure";
}
