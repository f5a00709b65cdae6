namespace PasswordManager.Api.Common.Security;

internal static class Policies
{
    /// <summary>Owners and admins of the caller's tenant.</summary>
    public const string TenantAdmin = "tenant-admin";

    /// <summary>Tenant owners and admins (for their tenant) or instance administrators (every tenant); ADR-0021.</summary>
    public const string Administrator = "administrator";

    /// <summary>The claim access tokens of <c>Auth:InstanceAdministrators</c> carry (API keys never do).</summary>
    public const string InstanceAdminClaim = "instance_admin";

    /// <summary>Usernames listed in <c>Auth:InstanceAdministrators</c>.</summary>
    public const string InstanceAdmin = "instance-admin";

    /// <summary>Rate limit shared by every endpoint that accepts a credential.</summary>
    public const string CredentialRateLimit = "credentials";
}
