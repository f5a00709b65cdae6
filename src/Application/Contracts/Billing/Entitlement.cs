namespace PasswordManager.Application.Contracts.Billing;

/// <summary>The entitlements other modules ask about (the same names as the API's entitlement keys).</summary>
public static class Entitlement
{
    public const string Vaults = "vaults";
    public const string Entries = "entries";
    public const string AttachmentBytes = "attachment_bytes";
    public const string MembersPerSharedVault = "members_per_shared_vault";
    public const string Devices = "devices";
    public const string HistoryDepth = "history_depth";
    public const string Sharing = "sharing";
    public const string ApiKeys = "api_keys";
    public const string MfaMethods = "mfa_methods";
}
