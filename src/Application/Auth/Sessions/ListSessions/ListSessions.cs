using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Sessions.ListSessions;

public sealed record ListSessionsQuery(UserId UserId, Guid CurrentSessionId) : IQuery<ListSessionsResult>;

public sealed record ListSessionsResult(IReadOnlyList<SessionSummary> Items);

public sealed record SessionSummary(
    Guid Id, Guid DeviceId, string DeviceName, DeviceType DeviceType, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Current);

public sealed class ListSessionsQueryHandler(IAuthDbContext db) : IQueryHandler<ListSessionsQuery, ListSessionsResult>
{
    public async ValueTask<ListSessionsResult> Handle(ListSessionsQuery query, CancellationToken cancellationToken)
    {
        var items = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == query.UserId && s.RevokedAt == null)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionSummary(
                s.Id, s.DeviceId, s.DeviceName, s.DeviceType, s.CreatedAt, s.LastSeenAt, s.Id == query.CurrentSessionId))
            .ToListAsync(cancellationToken);
        return new ListSessionsResult(items);
    }
}
