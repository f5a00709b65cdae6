using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Billing.Usage;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Subscriptions.GetTenantBilling;

/// <summary>A tenant's plan, subscription, overrides, effective entitlements and usage (its own admins, or instance admins).</summary>
public sealed record GetTenantBillingQuery(BillingCaller Caller, Guid TenantId) : IQuery<Result<TenantBillingView>>;

public sealed class GetTenantBillingQueryHandler(IBillingDbContext db, TenantPlans plans, ISender sender, TypeAdapterConfig mappings)
    : IQueryHandler<GetTenantBillingQuery, Result<TenantBillingView>>
{
    public async ValueTask<Result<TenantBillingView>> Handle(GetTenantBillingQuery query, CancellationToken cancellationToken)
    {
        var allowed = query.Caller.MayRead(query.TenantId);
        if (allowed.IsFailure) return allowed.Error;
        if (!await sender.Send(new TenantExistsQuery(query.TenantId), cancellationToken)) return new BillingTenantNotFound(query.TenantId);

        var tenant = new TenantId(query.TenantId);
        var plan = await plans.GetAsync(tenant, cancellationToken);
        var usage = await db.Usage.AsNoTracking().SingleOrDefaultAsync(u => u.TenantId == tenant, cancellationToken) ?? TenantUsage.Empty(tenant);
        return new TenantBillingView(
            query.TenantId,
            plan.Plan.Adapt<PlanView>(mappings),
            plan.Subscription?.Adapt<SubscriptionView>(mappings),
            plan.Overrides.ToDictionary(o => o.Key, o => o.Value),
            plan.Effective.Describe(),
            usage.Adapt<UsageView>(mappings));
    }
}
