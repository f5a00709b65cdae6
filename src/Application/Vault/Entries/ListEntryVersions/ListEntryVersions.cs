using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Entries.ListEntryVersions;

public sealed record ListEntryVersionsQuery(UserId UserId, Guid VaultId, Guid EntryId) : IQuery<Result<ListEntryVersionsResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed record ListEntryVersionsResult(IReadOnlyList<EntryVersionSummary> Items);

public sealed record EntryVersionSummary(long Version, long KeyEpoch, int Size, DateTimeOffset CreatedAt, Guid CreatedBy);

public sealed class ListEntryVersionsQueryHandler(IVaultDbContext db, TimeProvider clock)
    : IQueryHandler<ListEntryVersionsQuery, Result<ListEntryVersionsResult>>
{
    public async ValueTask<Result<ListEntryVersionsResult>> Handle(ListEntryVersionsQuery query, CancellationToken cancellationToken)
    {
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, clock.GetUtcNow(), cancellationToken);
        if (access.IsFailure) return access.Error;
        if (!await db.Entries.AnyAsync(e => e.Id == query.EntryId && e.VaultId == query.VaultId, cancellationToken))
            return new EntryNotFound(query.EntryId);

        var versions = await db.EntryVersions.AsNoTracking()
            .Where(v => v.EntryId == query.EntryId && v.VaultId == query.VaultId)
            .OrderByDescending(v => v.Version)
            .Select(v => new EntryVersionSummary(v.Version, v.KeyEpoch, v.CiphertextSize, v.CreatedAt, v.CreatedBy.Value))
            .ToListAsync(cancellationToken);
        return new ListEntryVersionsResult(versions);
    }
}
