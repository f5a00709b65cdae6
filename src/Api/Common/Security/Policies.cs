namespace PasswordManager.Api.Common.Security;

internal static class Policies
{
    /// <summary>Owners and admins of the caller's tenant.</summary>
    public const string TenantAdmin = "tenant-admin";

    /// <summary>Usernames listed in <c>Auth:InstanceAdministrators</c>.</summary>
    public const string InstanceAdmin = "instance-admin";

    /// <summary>Rate limit shared by every endpoint that accepts a credential.</summary>
    public const string CredentialRateLimit = "credentials";
}
