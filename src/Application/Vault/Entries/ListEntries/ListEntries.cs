using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Entries.ListEntries;

/// <summary>
/// Entry metadata in id order, a page at a time: pass the last id of a page as <see cref="After"/>. With
/// <see cref="NameIndex"/>, only the entries carrying that blind name index (docs/crypto-format.md §20), each with its
/// ciphertext, so a client can read one entry by name without syncing the vault.
/// </summary>
public sealed record ListEntriesQuery(UserId UserId, Guid VaultId, Guid? After, int Limit, bool IncludeDeleted, string? NameIndex = null)
    : IQuery<Result<ListEntriesResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

/// <summary>
/// An entry's metadata (the fields of <see cref="EntryState"/>), its blind name index if it has one, and its ciphertext
/// when the listing was asked for by name index (null for a tombstone and in a plain listing).
/// </summary>
public sealed record ListedEntry(
    Guid EntryId, Guid VaultId, long Version, long KeyEpoch, int Size, bool Deleted, DateTimeOffset UpdatedAt, Guid UpdatedBy, long Revision,
    string? NameIndex, byte[]? Ciphertext);

public sealed record ListEntriesResult(IReadOnlyList<ListedEntry> Items, Guid? Next);

public sealed class ListEntriesQueryHandler(IVaultDbContext db, AccessLog accessLog, EntryCiphertexts ciphertexts, TimeProvider clock)
    : IQueryHandler<ListEntriesQuery, Result<ListEntriesResult>>
{
    public async ValueTask<Result<ListEntriesResult>> Handle(ListEntriesQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, now, cancellationToken);
        if (access.IsFailure) return access.Error;

        var entries = db.Entries.AsNoTracking().Where(e => e.VaultId == query.VaultId);
        if (!query.IncludeDeleted) entries = entries.Where(e => !e.Deleted);
        if (query.NameIndex is { } nameIndex) entries = entries.Where(e => e.NameIndex == nameIndex);
        if (query.After is { } after) entries = entries.Where(e => e.Id.CompareTo(after) > 0);
        entries = entries.OrderBy(e => e.Id).Take(query.Limit + 1);

        if (query.NameIndex is null)
        {
            var page = await entries
                .Select(e => new ListedEntry(
                    e.Id, e.VaultId, e.Version, e.KeyEpoch, e.CiphertextSize, e.Deleted, e.UpdatedAt, e.UpdatedBy.Value, e.Revision, e.NameIndex, null))
                .ToListAsync(cancellationToken);
            var listed = Page(page, query.Limit, e => e.EntryId);
            return new ListEntriesResult(listed.Items, listed.Next);
        }

        var found = Page(await entries.ToListAsync(cancellationToken), query.Limit, e => e.Id);
        var items = new List<ListedEntry>(found.Items.Count);
        foreach (var entry in found.Items)
        {
            var ciphertext = entry.Ciphertext is { } stored ? await ciphertexts.ReadAsync(stored, cancellationToken) : null;
            items.Add(new ListedEntry(
                entry.Id, entry.VaultId, entry.Version, entry.KeyEpoch, ciphertext?.Length ?? 0, entry.Deleted, entry.UpdatedAt, entry.UpdatedBy.Value,
                entry.Revision, entry.NameIndex, ciphertext));
        }

        await accessLog.RecordAsync(
            query.UserId, [.. found.Items.Where(e => !e.Deleted).Select(e => new FetchedEntry(e.VaultId, e.Id, e.Version))], now, cancellationToken);
        return new ListEntriesResult(items, found.Next);
    }

    /// <summary>Cuts the one extra row read to learn whether another page follows.</summary>
    private static (List<T> Items, Guid? Next) Page<T>(List<T> rows, int limit, Func<T, Guid> id)
    {
        var hasMore = rows.Count > limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        return (rows, hasMore ? id(rows[^1]) : null);
    }
}
