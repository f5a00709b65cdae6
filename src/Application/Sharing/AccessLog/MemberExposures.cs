using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Sharing.AccessLog;

/// <summary>Reads the access log of some users in one vault (one query for all of them) and asks Vault which fetched entries are still live.</summary>
public sealed class MemberExposures(ISharingDbContext db, ISender sender)
{
    public async Task<IReadOnlyList<MemberExposure>> ReadAsync(Guid vaultId, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var users = userIds.Select(id => new UserId(id)).ToList();
        var fetches = await db.EntryFetches.AsNoTracking()
            .Where(f => f.VaultId == vaultId && users.Contains(f.UserId))
            .ToListAsync(cancellationToken);
        var live = await sender.Send(new FindLiveEntriesQuery(vaultId, [.. fetches.Select(f => f.EntryId).Distinct()]), cancellationToken);
        var byUser = fetches.ToLookup(
            f => f.UserId.Value,
            f => new ExposedEntry(f.EntryId, f.Version, f.FirstFetchedAt, f.LastFetchedAt, !live.Contains(f.EntryId)));
        return [.. userIds.Select(id => new MemberExposure(id, [.. byUser[id].OrderBy(e => e.FirstFetchedAt).ThenBy(e => e.EntryId)]))];
    }
}
