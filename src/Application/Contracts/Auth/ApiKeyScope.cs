namespace PasswordManager.Application.Contracts.Auth;

/// <summary>
/// What a machine client may do. None of them allows creating, changing or deleting vault data; an endpoint
/// accepts an API key only if it names one of these scopes.
/// </summary>
public static class ApiKeyScope
{
    /// <summary>Read ciphertext for backup: export, sync, vault and entry reads, attachment downloads.</summary>
    public const string Export = "export";

    /// <summary>Rotate the tenant's Encryption Service keys and watch re-encryption progress.</summary>
    public const string KeyRotation = "key-rotation";

    /// <summary>Invite users to the tenant. Only tenant owners and admins may hold it.</summary>
    public const string UserManagement = "user-management";

    public static IReadOnlyList<string> All { get; } = [Export, KeyRotation, UserManagement];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>Scopes that act on the whole tenant, so only its owners and admins may put them on a key.</summary>
    public static bool NeedsTenantAdmin(string scope) => scope is KeyRotation or UserManagement;
}
