namespace PasswordManager.Client.Crypto.Sharing;

/// <summary>Permission carried by an access record; signed by the granter as "read", "write" or "admin".</summary>
public enum AccessPermission
{
    Read = 1,
    Write = 2,
    Admin = 3,
}
