using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Tenants.ListTenants;

/// <summary>A page of every tenant of the instance (instance administrators), in name order; <see cref="After"/> is the previous page's cursor.</summary>
public sealed record ListTenantsQuery(AdminActor Actor, string? After, int Limit) : IQuery<Result<ListTenantsResult>>;

public sealed record ListTenantsResult(IReadOnlyList<AdminTenantView> Items, string? NextCursor);

public sealed class ListTenantsQueryHandler(IAuthDbContext db, AdministrationScope scope) : IQueryHandler<ListTenantsQuery, Result<ListTenantsResult>>
{
    public async ValueTask<Result<ListTenantsResult>> Handle(ListTenantsQuery query, CancellationToken cancellationToken)
    {
        var admin = await scope.ResolveInstanceAdministratorAsync(query.Actor, cancellationToken);
        if (admin.IsFailure) return admin.Error;

        var tenants = db.Tenants.AsNoTracking();
        if (query.After is not null) tenants = tenants.Where(t => string.Compare(t.Name, query.After) > 0);
        var page = await tenants.OrderBy(t => t.Name).Take(query.Limit + 1)
            .ProjectToType<AdminTenantView>(AdministrationMapping.Config)
            .ToListAsync(cancellationToken);
        var hasMore = page.Count > query.Limit;
        if (hasMore) page.RemoveAt(page.Count - 1);

        var ids = page.Select(t => new TenantId(t.TenantId)).ToList();
        var counts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.TenantId))
            .GroupBy(u => u.TenantId).Select(g => new { g.Key, Users = g.Count() })
            .ToDictionaryAsync(g => g.Key.Value, g => g.Users, cancellationToken);
        var items = page.Select(t => t with { Users = counts.GetValueOrDefault(t.TenantId) }).ToList();
        return new ListTenantsResult(items, hasMore ? items[^1].Name : null);
    }
}
