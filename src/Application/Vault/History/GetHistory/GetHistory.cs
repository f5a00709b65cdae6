using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.History;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.History.GetHistory;

/// <summary>
/// A vault's history records after <see cref="After"/> in seq order, a page at a time; without <see cref="After"/>,
/// from the latest checkpoint (what a fresh device verifies from). <see cref="GetHistoryResult.Next"/> is the
/// <see cref="After"/> of the next page.
/// </summary>
public sealed record GetHistoryQuery(UserId UserId, Guid VaultId, long? After, int? Limit) : IQuery<Result<GetHistoryResult>>, IVaultRequest
{
    public const int DefaultLimit = 100;

    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

/// <summary>One stored record: <see cref="Record"/> is its bytes (docs/crypto-format.md §21.1), <see cref="Revision"/> the vault revision of its write.</summary>
public sealed record HistoryItem(long Seq, byte[] Hash, long Revision, byte[] Record)
{
    public static HistoryItem Of(StoredHistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new HistoryItem(record.Seq, record.Hash, record.Revision, record.Record);
    }
}

/// <summary>The position of a chain: seq 0 with 32 zero bytes for a vault without records.</summary>
public sealed record HistoryHeadView(long Seq, byte[] Hash)
{
    public static HistoryHeadView Of(HistoryHead? head) => head is null ? new(0, new byte[32]) : new(head.Seq, head.Hash);
}

public sealed record GetHistoryResult(IReadOnlyList<HistoryItem> Items, HistoryHeadView Head, long? Next);

public sealed class GetHistoryQueryHandler(IVaultDbContext db, VaultHistory history, TimeProvider clock) : IQueryHandler<GetHistoryQuery, Result<GetHistoryResult>>
{
    public async ValueTask<Result<GetHistoryResult>> Handle(GetHistoryQuery query, CancellationToken cancellationToken)
    {
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, clock.GetUtcNow(), cancellationToken);
        if (access.IsFailure) return access.Error;

        var records = db.HistoryRecords.AsNoTracking().Where(r => r.VaultId == query.VaultId);
        var after = query.After ?? await records.Where(r => r.Checkpoint).MaxAsync(r => (long?)r.Seq, cancellationToken) - 1 ?? 0;
        var limit = query.Limit ?? GetHistoryQuery.DefaultLimit;
        var page = await records.Where(r => r.Seq > after).OrderBy(r => r.Seq).Take(limit + 1).ToListAsync(cancellationToken);
        var head = await history.HeadAsync(query.VaultId, cancellationToken);

        var hasMore = page.Count > limit;
        if (hasMore) page.RemoveAt(page.Count - 1);
        return new GetHistoryResult([.. page.Select(HistoryItem.Of)], HistoryHeadView.Of(head), hasMore ? page[^1].Seq : null);
    }
}
