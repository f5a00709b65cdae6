namespace PasswordManager.Application.Billing;

public sealed record PlanView(string Id, string Name, IReadOnlyDictionary<string, string> Entitlements, DateTimeOffset UpdatedAt);

/// <summary><see cref="Status"/> is <c>trialing|active|past_due|canceled</c>.</summary>
public sealed record SubscriptionView(string PlanId, string Status, DateTimeOffset? PeriodEnd, int? Seats, DateTimeOffset ChangedAt, DateTimeOffset UpdatedAt);

/// <summary>Counted usage; <see cref="LastDrift"/> is what the last reconciliation corrected (recount minus counters).</summary>
public sealed record UsageView(
    Guid TenantId, long Vaults, long Entries, long AttachmentBytes, DateTimeOffset? ReconciledAt, IReadOnlyDictionary<string, long>? LastDrift);

public sealed record TenantBillingView(
    Guid TenantId,
    PlanView Plan,
    SubscriptionView? Subscription,
    IReadOnlyDictionary<string, string> Overrides,
    IReadOnlyDictionary<string, string> Entitlements,
    UsageView Usage);

public sealed record FlagVariantView(string Name, string? Value);

public sealed record FlagView(
    string Name,
    string? Description,
    bool Enabled,
    IReadOnlyList<Guid> Tenants,
    IReadOnlyList<Guid> Users,
    IReadOnlyList<string> Plans,
    int RolloutPercentage,
    IReadOnlyList<FlagVariantView> Variants,
    string? VariantWhenEnabled,
    string? VariantWhenDisabled,
    DateTimeOffset UpdatedAt);
