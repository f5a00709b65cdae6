using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Plans.ListPlans;

public sealed record ListPlansQuery(BillingCaller Caller) : IQuery<Result<ListPlansResult>>;

public sealed record ListPlansResult(string DefaultPlan, IReadOnlyList<PlanView> Plans);

public sealed class ListPlansQueryHandler(IBillingDbContext db, BillingOptions options, TypeAdapterConfig mappings)
    : IQueryHandler<ListPlansQuery, Result<ListPlansResult>>
{
    public async ValueTask<Result<ListPlansResult>> Handle(ListPlansQuery query, CancellationToken cancellationToken)
    {
        if (!query.Caller.IsInstanceAdmin && !query.Caller.IsTenantAdmin) return new TenantAdminRequired();
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return new ListPlansResult(options.DefaultPlan, plans.Adapt<List<PlanView>>(mappings));
    }
}
