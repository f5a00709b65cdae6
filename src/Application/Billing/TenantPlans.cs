using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Billing.Plans;
using PasswordManager.Domain.Billing.Subscriptions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing;

/// <summary>A tenant's plan as it applies now: subscription (if any), plan, overrides and the resulting entitlements.</summary>
public sealed record TenantPlan(TenantId TenantId, Plan Plan, Subscription? Subscription, IReadOnlyList<EntitlementOverride> Overrides, Entitlements Effective);

/// <summary>
/// Resolves which plan governs a tenant: no subscription → the instance default plan; a canceled subscription → the
/// canceled plan; otherwise the subscribed plan. Overrides then replace single entitlements.
/// </summary>
public sealed class TenantPlans(IPlanLookupDbContext db, BillingOptions options)
{
    public async Task<TenantPlan> GetAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenant, cancellationToken);
        var planId = subscription switch
        {
            null => options.DefaultPlan,
            { Status: SubscriptionStatus.Canceled } => options.CanceledPlan,
            _ => subscription.PlanId,
        };
        // A plan that is gone (or a misconfigured default) must not unlock everything: the canceled plan applies.
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
            ?? await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == options.CanceledPlan, cancellationToken)
            ?? throw new InvalidOperationException($"Neither plan '{planId}' nor Billing:CanceledPlan '{options.CanceledPlan}' exists.");
        var overrides = await db.EntitlementOverrides.AsNoTracking().Where(o => o.TenantId == tenant).OrderBy(o => o.Key).ToListAsync(cancellationToken);
        var effective = overrides.Aggregate(plan.Entitlements, (e, o) => Entitlements.IsValidValue(o.Key, o.Value) ? e.With(o.Key, o.Value) : e);
        return new TenantPlan(tenant, plan, subscription, overrides, effective);
    }
}
