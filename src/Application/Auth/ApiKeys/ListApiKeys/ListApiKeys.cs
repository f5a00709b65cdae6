using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.ApiKeys.ListApiKeys;

public sealed record ListApiKeysQuery(UserId UserId) : IQuery<ListApiKeysResult>;

public sealed record ListApiKeysResult(IReadOnlyList<ApiKeySummary> Items);

/// <summary>Never carries the secret or its hash.</summary>
public sealed record ApiKeySummary(
    string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt, bool Expired);

public sealed class ListApiKeysQueryHandler(IAuthDbContext db, TimeProvider clock) : IQueryHandler<ListApiKeysQuery, ListApiKeysResult>
{
    public async ValueTask<ListApiKeysResult> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var items = await db.ApiKeys.AsNoTracking()
            .Where(k => k.UserId == query.UserId && k.RevokedAt == null)
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Scopes, k.CreatedAt, k.LastUsedAt, k.ExpiresAt, k.ExpiresAt != null && k.ExpiresAt <= now))
            .ToListAsync(cancellationToken);
        return new ListApiKeysResult(items);
    }
}
