using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Integration;

public sealed class RequireVaultAdminQueryHandler(IVaultDbContext db, TimeProvider clock) : IQueryHandler<RequireVaultAdminQuery, Result<VaultAdminAccess>>
{
    public async ValueTask<Result<VaultAdminAccess>> Handle(RequireVaultAdminQuery query, CancellationToken cancellationToken)
    {
        var admin = await db.RequireAsync(query.VaultId, new UserId(query.UserId), Permission.Admin, clock.GetUtcNow(), cancellationToken);
        if (admin.IsFailure) return admin.Error;
        var vault = await db.Vaults.AsNoTracking().Where(v => v.Id == query.VaultId)
            .Select(v => new { v.TenantId, v.Kind }).SingleAsync(cancellationToken);
        return new VaultAdminAccess(query.VaultId, vault.TenantId.Value, vault.Kind == VaultKind.Personal);
    }
}
