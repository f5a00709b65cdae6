using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Vault;

namespace PasswordManager.Application.Vault.Integration;

public sealed class FindLiveEntriesQueryHandler(IVaultDbContext db) : IQueryHandler<FindLiveEntriesQuery, IReadOnlySet<Guid>>
{
    public async ValueTask<IReadOnlySet<Guid>> Handle(FindLiveEntriesQuery query, CancellationToken cancellationToken)
    {
        if (query.EntryIds.Count == 0) return new HashSet<Guid>();
        var ids = query.EntryIds;
        var live = await db.Entries.AsNoTracking()
            .Where(e => e.VaultId == query.VaultId && ids.Contains(e.Id) && !e.Deleted)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        return live.ToHashSet();
    }
}
