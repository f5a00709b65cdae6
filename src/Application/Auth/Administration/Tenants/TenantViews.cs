using Mapster;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Tenants;

namespace PasswordManager.Application.Auth.Administration.Tenants;

internal static class TenantViews
{
    public static async Task<AdminTenantView> OfAsync(IAuthDbContext db, Tenant tenant, CancellationToken cancellationToken) =>
        tenant.Adapt<AdminTenantView>(AdministrationMapping.Config) with
        {
            Users = await db.Users.CountAsync(u => u.TenantId == tenant.Id, cancellationToken),
        };
}
