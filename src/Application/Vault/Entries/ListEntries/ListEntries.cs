using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Entries.ListEntries;

/// <summary>Entry metadata in id order, a page at a time: pass the last id of a page as <see cref="After"/>.</summary>
public sealed record ListEntriesQuery(UserId UserId, Guid VaultId, Guid? After, int Limit, bool IncludeDeleted) : IQuery<Result<ListEntriesResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed record ListEntriesResult(IReadOnlyList<EntryState> Items, Guid? Next);

public sealed class ListEntriesQueryHandler(IVaultDbContext db, TimeProvider clock) : IQueryHandler<ListEntriesQuery, Result<ListEntriesResult>>
{
    public async ValueTask<Result<ListEntriesResult>> Handle(ListEntriesQuery query, CancellationToken cancellationToken)
    {
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, clock.GetUtcNow(), cancellationToken);
        if (access.IsFailure) return access.Error;

        var entries = db.Entries.AsNoTracking().Where(e => e.VaultId == query.VaultId);
        if (!query.IncludeDeleted) entries = entries.Where(e => !e.Deleted);
        if (query.After is { } after) entries = entries.Where(e => e.Id.CompareTo(after) > 0);
        var page = await entries.OrderBy(e => e.Id).Take(query.Limit + 1)
            .Select(e => new EntryState(e.Id, e.VaultId, e.Version, e.KeyEpoch, e.CiphertextSize, e.Deleted, e.UpdatedAt, e.UpdatedBy.Value, e.Revision))
            .ToListAsync(cancellationToken);
        var hasMore = page.Count > query.Limit;
        if (hasMore) page.RemoveAt(page.Count - 1);
        return new ListEntriesResult(page, hasMore ? page[^1].EntryId : null);
    }
}
