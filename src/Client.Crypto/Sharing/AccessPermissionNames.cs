namespace PasswordManager.Client.Crypto.Sharing;

/// <summary>Wire names of <see cref="AccessPermission"/> (the exact ASCII strings that are signed).</summary>
public static class AccessPermissionNames
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static string ToWireName(this AccessPermission permission) => permission switch
    {
        AccessPermission.Read => Read,
        AccessPermission.Write => Write,
        AccessPermission.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, "Unknown access permission."),
    };

    public static AccessPermission Parse(string wireName) => wireName switch
    {
        Read => AccessPermission.Read,
        Write => AccessPermission.Write,
        Admin => AccessPermission.Admin,
        _ => throw new CryptoFormatException("Unknown access permission; expected read, write or admin."),
    };
}
