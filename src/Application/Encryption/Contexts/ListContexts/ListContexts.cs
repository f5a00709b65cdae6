using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption.Contexts.ListContexts;

/// <summary>A page of the tenant's contexts in encryptionId order; <see cref="After"/> is the previous page's cursor.</summary>
public sealed record ListContextsQuery(TenantId TenantId, string? After, int Limit) : IQuery<ListContextsResult>;

public sealed record ListContextsResult(IReadOnlyList<ContextSummary> Items, string? NextCursor);

public sealed record ContextSummary(
    string EncryptionId, KeyProtection Protection, int LatestVersion, int MinDecryptionVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed class ListContextsQueryHandler(IEncryptionDbContext db) : IQueryHandler<ListContextsQuery, ListContextsResult>
{
    public async ValueTask<ListContextsResult> Handle(ListContextsQuery query, CancellationToken cancellationToken)
    {
        var contexts = db.Contexts.AsNoTracking().Where(c => c.TenantId == query.TenantId);
        if (query.After is not null) contexts = contexts.Where(c => string.Compare(c.EncryptionId, query.After) > 0);
        var items = await contexts
            .OrderBy(c => c.EncryptionId)
            .Take(query.Limit + 1)
            .Select(c => new ContextSummary(c.EncryptionId, c.Protection, c.LatestVersion, c.MinDecryptionVersion, c.CreatedAt, c.UpdatedAt))
            .ToListAsync(cancellationToken);
        var hasMore = items.Count > query.Limit;
        if (hasMore) items.RemoveAt(items.Count - 1);
        return new ListContextsResult(items, hasMore ? items[^1].EncryptionId : null);
    }
}
