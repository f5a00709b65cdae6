namespace PasswordManager.Application.Encryption;

/// <summary>Names shared by the Encryption API and its authentication: headers, scheme and role.</summary>
public static class EncryptionAccess
{
    /// <summary>Authentication scheme of service-to-service callers (a per-tenant shared secret).</summary>
    public const string ServiceScheme = "EncryptionServiceSecret";

    /// <summary>Role claim of a caller authenticated by <see cref="ServiceScheme"/>.</summary>
    public const string ServiceRole = "encryption-service";

    public const string TenantHeader = "X-Encryption-Tenant";
    public const string SecretHeader = "X-Encryption-Secret";

    /// <summary>The optional client-provided master key (base64, 32 bytes). Never stored, logged or returned.</summary>
    public const string MasterKeyHeader = "X-Master-Key";
}
