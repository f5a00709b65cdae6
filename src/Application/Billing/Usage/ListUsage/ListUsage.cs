using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing.Usage;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Usage.ListUsage;

/// <summary>
/// Counted usage with each tenant's plan and limits: one tenant (its own admins, or instance admins), or every tenant
/// when <see cref="TenantId"/> is null (instance admins).
/// </summary>
public sealed record ListUsageQuery(BillingCaller Caller, Guid? TenantId) : IQuery<Result<IReadOnlyList<TenantUsageView>>>;

public sealed record TenantUsageView(Guid TenantId, string? TenantName, string Plan, UsageView Usage, IReadOnlyDictionary<string, string> Entitlements);

public sealed class ListUsageQueryHandler(IBillingDbContext db, TenantPlans plans, ISender sender, TypeAdapterConfig mappings)
    : IQueryHandler<ListUsageQuery, Result<IReadOnlyList<TenantUsageView>>>
{
    public async ValueTask<Result<IReadOnlyList<TenantUsageView>>> Handle(ListUsageQuery query, CancellationToken cancellationToken)
    {
        var allowed = query.TenantId is { } one ? query.Caller.MayRead(one) : query.Caller.MayChange();
        if (allowed.IsFailure) return allowed.Error;
        var tenants = await sender.Send(new ListTenantIdsQuery(), cancellationToken);
        if (query.TenantId is { } only)
        {
            tenants = [.. tenants.Where(t => t.Id == only)];
            if (tenants.Count == 0) return new Domain.Billing.BillingTenantNotFound(only);
        }

        var ids = tenants.Select(t => new TenantId(t.Id)).ToList();
        var usage = await db.Usage.AsNoTracking().Where(u => ids.Contains(u.TenantId)).ToDictionaryAsync(u => u.TenantId, cancellationToken);
        var views = new List<TenantUsageView>(tenants.Count);
        foreach (var tenant in tenants)
        {
            var id = new TenantId(tenant.Id);
            var plan = await plans.GetAsync(id, cancellationToken);
            views.Add(new TenantUsageView(
                tenant.Id, tenant.Name, plan.Plan.Id, (usage.GetValueOrDefault(id) ?? TenantUsage.Empty(id)).Adapt<UsageView>(mappings), plan.Effective.Describe()));
        }

        return views;
    }
}
