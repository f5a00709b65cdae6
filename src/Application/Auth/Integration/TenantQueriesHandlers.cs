using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Integration;

public sealed class TenantExistsQueryHandler(IAuthDbContext db) : IQueryHandler<TenantExistsQuery, bool>
{
    public async ValueTask<bool> Handle(TenantExistsQuery query, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(query.TenantId);
        return await db.Tenants.AsNoTracking().AnyAsync(t => t.Id == tenantId, cancellationToken);
    }
}

public sealed class ListTenantIdsQueryHandler(IAuthDbContext db) : IQueryHandler<ListTenantIdsQuery, IReadOnlyList<TenantName>>
{
    public async ValueTask<IReadOnlyList<TenantName>> Handle(ListTenantIdsQuery query, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new TenantName(t.Id.Value, t.Name)).ToListAsync(cancellationToken);
}
