using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Vault.Members;

/// <summary>The entries a member fetched the ciphertext of (from the access log), live or deleted since.</summary>
public sealed record MemberExposure(Guid UserId, IReadOnlyList<ExposedEntry> Entries)
{
    /// <summary>Reads the access log of <paramref name="userIds"/> in one vault, one query for all of them.</summary>
    public static async Task<IReadOnlyList<MemberExposure>> ReadAsync(
        IVaultDbContext db, Guid vaultId, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var users = userIds.Select(id => new UserId(id)).ToList();
        var rows = await db.EntryFetches.AsNoTracking()
            .Where(f => f.VaultId == vaultId && users.Contains(f.UserId))
            .GroupJoin(db.Entries.AsNoTracking(), f => f.EntryId, e => e.Id, (f, e) => new { Fetch = f, Entries = e })
            .SelectMany(x => x.Entries.DefaultIfEmpty(), (x, e) => new
            {
                UserId = x.Fetch.UserId,
                Item = new ExposedEntry(x.Fetch.EntryId, x.Fetch.Version, x.Fetch.FirstFetchedAt, x.Fetch.LastFetchedAt, e == null || e.Deleted),
            })
            .ToListAsync(cancellationToken);
        var byUser = rows.ToLookup(r => r.UserId.Value, r => r.Item);
        return [.. userIds.Select(id => new MemberExposure(id, [.. byUser[id].OrderBy(e => e.FirstFetchedAt).ThenBy(e => e.EntryId)]))];
    }
}

/// <summary>One fetched entry: the highest version served and when; <see cref="Deleted"/> when it is no longer live.</summary>
public sealed record ExposedEntry(Guid EntryId, long Version, DateTimeOffset FirstFetchedAt, DateTimeOffset LastFetchedAt, bool Deleted);
