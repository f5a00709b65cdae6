using System.Globalization;

namespace PasswordManager.Domain.Billing.Plans;

/// <summary>
/// What a plan includes. A null limit means unlimited. Per tenant: vaults, live entries and attachment bytes; per
/// shared vault: active members; per user: active device sessions; per entry: kept versions (history depth).
/// </summary>
public sealed record Entitlements(
    long? MaxVaults,
    long? MaxEntries,
    long? MaxAttachmentBytes,
    long? MaxMembersPerSharedVault,
    long? MaxDevices,
    long? HistoryDepth,
    bool SharingAllowed,
    bool ApiKeysAllowed,
    IReadOnlyList<string> MfaMethods,
    bool MagicLinkAllowed,
    bool OidcAllowed,
    bool PasswordLoginAllowed = true,
    bool MfaRequired = false)
{
    public static readonly IReadOnlyList<string> KnownMfaMethods = ["totp"];

    public static Entitlements Unlimited { get; } = new(null, null, null, null, null, null, true, true, KnownMfaMethods, true, true);

    /// <summary>The limit an entitlement sets, for the quota check: booleans are 0 (not included) or unlimited.</summary>
    public long? LimitOf(string key) => key switch
    {
        EntitlementKey.Vaults => MaxVaults,
        EntitlementKey.Entries => MaxEntries,
        EntitlementKey.AttachmentBytes => MaxAttachmentBytes,
        EntitlementKey.MembersPerSharedVault => MaxMembersPerSharedVault,
        EntitlementKey.Devices => MaxDevices,
        EntitlementKey.HistoryDepth => HistoryDepth,
        EntitlementKey.Sharing => SharingAllowed ? null : 0,
        EntitlementKey.ApiKeys => ApiKeysAllowed ? null : 0,
        EntitlementKey.MagicLink => MagicLinkAllowed ? null : 0,
        EntitlementKey.Oidc => OidcAllowed ? null : 0,
        EntitlementKey.PasswordLogin => PasswordLoginAllowed ? null : 0,
        EntitlementKey.MfaRequired => MfaRequired ? null : 0,
        EntitlementKey.MfaMethods => MfaMethods.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown entitlement."),
    };

    /// <summary>Every entitlement as its text value ("unlimited", a number, true/false, or a comma list).</summary>
    public IReadOnlyDictionary<string, string> Describe() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [EntitlementKey.Vaults] = Text(MaxVaults),
        [EntitlementKey.Entries] = Text(MaxEntries),
        [EntitlementKey.AttachmentBytes] = Text(MaxAttachmentBytes),
        [EntitlementKey.MembersPerSharedVault] = Text(MaxMembersPerSharedVault),
        [EntitlementKey.Devices] = Text(MaxDevices),
        [EntitlementKey.HistoryDepth] = Text(HistoryDepth),
        [EntitlementKey.Sharing] = Text(SharingAllowed),
        [EntitlementKey.ApiKeys] = Text(ApiKeysAllowed),
        [EntitlementKey.MfaMethods] = string.Join(',', MfaMethods),
        [EntitlementKey.MagicLink] = Text(MagicLinkAllowed),
        [EntitlementKey.Oidc] = Text(OidcAllowed),
        [EntitlementKey.PasswordLogin] = Text(PasswordLoginAllowed),
        [EntitlementKey.MfaRequired] = Text(MfaRequired),
    };

    /// <summary>A copy with one entitlement replaced by <paramref name="value"/> (already checked by <see cref="IsValidValue"/>).</summary>
    public Entitlements With(string key, string value) => key switch
    {
        EntitlementKey.Vaults => this with { MaxVaults = ParseLimit(value) },
        EntitlementKey.Entries => this with { MaxEntries = ParseLimit(value) },
        EntitlementKey.AttachmentBytes => this with { MaxAttachmentBytes = ParseLimit(value) },
        EntitlementKey.MembersPerSharedVault => this with { MaxMembersPerSharedVault = ParseLimit(value) },
        EntitlementKey.Devices => this with { MaxDevices = ParseLimit(value) },
        EntitlementKey.HistoryDepth => this with { HistoryDepth = ParseLimit(value) },
        EntitlementKey.Sharing => this with { SharingAllowed = bool.Parse(value) },
        EntitlementKey.ApiKeys => this with { ApiKeysAllowed = bool.Parse(value) },
        EntitlementKey.MfaMethods => this with { MfaMethods = ParseMethods(value) },
        EntitlementKey.MagicLink => this with { MagicLinkAllowed = bool.Parse(value) },
        EntitlementKey.Oidc => this with { OidcAllowed = bool.Parse(value) },
        EntitlementKey.PasswordLogin => this with { PasswordLoginAllowed = bool.Parse(value) },
        EntitlementKey.MfaRequired => this with { MfaRequired = bool.Parse(value) },
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown entitlement."),
    };

    public static bool IsValidValue(string key, string? value)
    {
        if (value is null || !EntitlementKey.All.Contains(key)) return false;
        if (EntitlementKey.Limits.Contains(key))
            return value == UnlimitedText
                || (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit <= MaxLimit);
        if (key == EntitlementKey.MfaMethods) return value.Length == 0 || value.Split(',').All(KnownMfaMethods.Contains);
        return value is "true" or "false";
    }

    public const string UnlimitedText = "unlimited";

    /// <summary>Larger limits are refused as input: they are unlimited in all but name.</summary>
    public const long MaxLimit = 1L << 50;

    private static long? ParseLimit(string value) =>
        value == UnlimitedText ? null : long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string[] ParseMethods(string value) => value.Length == 0 ? [] : [.. value.Split(',').Distinct()];

    private static string Text(long? limit) => limit?.ToString(CultureInfo.InvariantCulture) ?? UnlimitedText;

    private static string Text(bool allowed) => allowed ? "true" : "false";
}

/// <summary>The stable names of entitlements (API, overrides, flags <c>entitlement.&lt;key&gt;</c>).</summary>
public static class EntitlementKey
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
    public const string MagicLink = "magic_link";
    public const string Oidc = "oidc";
    public const string PasswordLogin = "password_login";
    public const string MfaRequired = "mfa_required";

    public static readonly IReadOnlyList<string> Limits = [Vaults, Entries, AttachmentBytes, MembersPerSharedVault, Devices, HistoryDepth];

    public static readonly IReadOnlyList<string> All = [.. Limits, Sharing, ApiKeys, MfaMethods, MagicLink, Oidc, PasswordLogin, MfaRequired];
}
