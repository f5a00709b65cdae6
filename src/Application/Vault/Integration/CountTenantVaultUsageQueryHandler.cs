using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Vault.Integration;

public sealed class CountTenantVaultUsageQueryHandler(IVaultDbContext db) : IQueryHandler<CountTenantVaultUsageQuery, TenantVaultUsage>
{
    public async ValueTask<TenantVaultUsage> Handle(CountTenantVaultUsageQuery query, CancellationToken cancellationToken)
    {
        db.JoinTransaction(query.Transaction);
        var tenant = new TenantId(query.TenantId);
        var vaults = db.Vaults.AsNoTracking().Where(v => v.TenantId == tenant).Select(v => v.Id);
        var vaultCount = await vaults.LongCountAsync(cancellationToken);
        var entries = await db.Entries.AsNoTracking().LongCountAsync(e => vaults.Contains(e.VaultId) && !e.Deleted, cancellationToken);
        var bytes = await db.Attachments.AsNoTracking().Where(a => vaults.Contains(a.VaultId) && !a.Deleted).SumAsync(a => (long?)a.Size, cancellationToken);
        return new TenantVaultUsage(vaultCount, entries, bytes ?? 0);
    }
}
