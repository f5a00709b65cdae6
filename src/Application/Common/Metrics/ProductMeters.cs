namespace PasswordManager.Application.Common.Metrics;

/// <summary>
/// The product's own meters, one per module. Their tags are small fixed sets (method, outcome, operation): never a user,
/// vault, tenant, entry or key id, and never a name, so a scrape reveals nothing about who uses the server and the number
/// of series stays constant.
/// </summary>
public static class ProductMeters
{
    public const string Auth = "PasswordManager.Auth";
    public const string Vault = "PasswordManager.Vault";
    public const string Encryption = "PasswordManager.Encryption";
    public const string Storage = "PasswordManager.Storage";
    public const string Billing = "PasswordManager.Billing";

    public static readonly string[] All = [Auth, Vault, Encryption, Storage, Billing];
}
