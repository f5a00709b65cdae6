using System.Text.Json;
using Mapster;
using PasswordManager.Domain.Billing.Flags;
using PasswordManager.Domain.Billing.Plans;
using PasswordManager.Domain.Billing.Subscriptions;
using PasswordManager.Domain.Billing.Usage;

namespace PasswordManager.Application.Billing;

/// <summary>
/// Mapster configuration from Billing entities to admin views: explicit (every mapping declared, every destination
/// member sourced) and compiled once at start-up, so a missing member fails at start rather than in a response.
/// </summary>
public static class BillingMappings
{
    private static readonly JsonSerializerOptions json = new(JsonSerializerDefaults.Web);

    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        config.NewConfig<Plan, PlanView>()
            .Map(v => v.Entitlements, p => p.Entitlements.Describe());
        config.NewConfig<Subscription, SubscriptionView>()
            .Map(v => v.Status, s => StatusText(s.Status));
        config.NewConfig<TenantUsage, UsageView>()
            .Map(v => v.TenantId, u => u.TenantId.Value)
            .Map(v => v.LastDrift, u => Drift(u.LastDrift));
        config.NewConfig<FlagVariant, FlagVariantView>();
        config.NewConfig<FeatureFlag, FlagView>();
        config.Compile();
        return config;
    }

    public static string StatusText(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Trialing => "trialing",
        SubscriptionStatus.Active => "active",
        SubscriptionStatus.PastDue => "past_due",
        SubscriptionStatus.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static SubscriptionStatus? ParseStatus(string? text) => text switch
    {
        "trialing" => SubscriptionStatus.Trialing,
        "active" => SubscriptionStatus.Active,
        "past_due" => SubscriptionStatus.PastDue,
        "canceled" => SubscriptionStatus.Canceled,
        _ => null,
    };

    private static Dictionary<string, long>? Drift(string? text)
    {
        if (text is null) return null;
        var counters = JsonSerializer.Deserialize<UsageCounters>(text, json)!;
        return new Dictionary<string, long>
        {
            [EntitlementKey.Vaults] = counters.Vaults,
            [EntitlementKey.Entries] = counters.Entries,
            [EntitlementKey.AttachmentBytes] = counters.AttachmentBytes,
        };
    }
}
