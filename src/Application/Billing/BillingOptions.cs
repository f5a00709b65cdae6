using PasswordManager.Domain.Billing.Plans;

namespace PasswordManager.Application.Billing;

/// <summary>Configuration section <c>Billing</c>.</summary>
public sealed class BillingOptions
{
    /// <summary>The plan of every tenant without a subscription.</summary>
    public string DefaultPlan { get; set; } = SeededPlans.SelfHostedUnlimited;

    /// <summary>The plan of a tenant whose subscription is canceled (its data stays; new writes follow this plan).</summary>
    public string CanceledPlan { get; set; } = SeededPlans.Free;

    /// <summary>The shared secret of <c>POST /api/v1/billing/webhooks</c>; webhooks are refused while it is empty.</summary>
    public string? WebhookSecret { get; set; }

    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a process trusts its cached flag definitions when no change notification arrives.</summary>
    public TimeSpan FlagCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ReconciliationInterval { get; set; } = TimeSpan.FromMinutes(15);
}
