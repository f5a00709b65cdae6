using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Vault.Vaults.ListVaults;

public sealed record ListVaultsQuery(UserId UserId) : IQuery<ListVaultsResult>;

public sealed record ListVaultsResult(IReadOnlyList<VaultSummary> Items);

public sealed class ListVaultsQueryHandler(IVaultDbContext db, TimeProvider clock) : IQueryHandler<ListVaultsQuery, ListVaultsResult>
{
    public async ValueTask<ListVaultsResult> Handle(ListVaultsQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await db.AccessRecords.AsNoTracking()
            .Where(r => r.UserId == query.UserId && r.RevokedAt == null && (r.ExpiresAt == null || r.ExpiresAt > now))
            .Join(db.Vaults.AsNoTracking(), r => r.VaultId, v => v.Id, (r, v) => new { Vault = v, Access = r })
            .OrderBy(x => x.Vault.CreatedAt)
            .ToListAsync(cancellationToken);
        var advice = await RekeyAdvice.ForAdminAsync(db, rows.Select(x => (x.Vault, x.Access)), now, cancellationToken);
        return new ListVaultsResult([.. rows.Select(x => VaultSummary.Of(x.Vault, x.Access, advice.GetValueOrDefault(x.Vault.Id)))]);
    }
}
