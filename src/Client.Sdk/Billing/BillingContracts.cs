namespace PasswordManager.Client.Sdk.Billing;

/// <summary>A plan and its entitlements as text: a number or <c>unlimited</c> for limits, <c>true</c>/<c>false</c> for features.</summary>
public sealed record PlanInfo(string Id, string Name, IReadOnlyDictionary<string, string> Entitlements, DateTimeOffset UpdatedAt);

public sealed record PlanList(string DefaultPlan, IReadOnlyList<PlanInfo> Plans);

/// <summary><see cref="Status"/>: <c>trialing</c>, <c>active</c>, <c>past_due</c> or <c>canceled</c>.</summary>
public sealed record SubscriptionInfo(string PlanId, string Status, DateTimeOffset? PeriodEnd, int? Seats, DateTimeOffset ChangedAt, DateTimeOffset UpdatedAt);

public sealed record SetSubscriptionRequest(string Plan, string Status = "active", DateTimeOffset? PeriodEnd = null, int? Seats = null);

public sealed record UsageCounts(
    long Vaults, long Entries, long AttachmentBytes, DateTimeOffset? ReconciledAt, IReadOnlyDictionary<string, long>? LastDrift);

public sealed record TenantUsage(Guid TenantId, string? TenantName, string Plan, UsageCounts Usage, IReadOnlyDictionary<string, string> Entitlements);

public sealed record TenantBilling(
    Guid TenantId,
    PlanInfo Plan,
    SubscriptionInfo? Subscription,
    IReadOnlyDictionary<string, string> Overrides,
    IReadOnlyDictionary<string, string> Entitlements,
    UsageCounts Usage);

public sealed record FlagVariant(string Name, string? Value);

public sealed record FlagInfo(
    string Name,
    string? Description,
    bool Enabled,
    IReadOnlyList<Guid> Tenants,
    IReadOnlyList<Guid> Users,
    IReadOnlyList<string> Plans,
    int RolloutPercentage,
    IReadOnlyList<FlagVariant> Variants,
    string? VariantWhenEnabled,
    string? VariantWhenDisabled,
    DateTimeOffset UpdatedAt);

/// <summary>A flag's whole definition: a set replaces the previous one.</summary>
public sealed record SetFlagRequest(
    bool Enabled,
    string? Description = null,
    IReadOnlyList<Guid>? Tenants = null,
    IReadOnlyList<Guid>? Users = null,
    IReadOnlyList<string>? Plans = null,
    int RolloutPercentage = 0,
    IReadOnlyList<FlagVariant>? Variants = null,
    string? VariantWhenEnabled = null,
    string? VariantWhenDisabled = null);

public sealed record FeatureFlagState(bool Enabled, string? Variant, string? Value);

/// <summary>What the caller may use (<c>GET /api/v1/features</c>).</summary>
public sealed record Features(string Plan, IReadOnlyDictionary<string, string> Entitlements, IReadOnlyDictionary<string, FeatureFlagState> Flags);
