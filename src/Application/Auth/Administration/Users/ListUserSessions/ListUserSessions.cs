using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Administration.Users.ListUserSessions;

public sealed record ListUserSessionsQuery(AdminActor Actor, Guid UserId) : IQuery<Result<ListUserSessionsResult>>;

public sealed record ListUserSessionsResult(Guid UserId, IReadOnlyList<AdminSessionView> Items);

public sealed record AdminSessionView(Guid SessionId, string DeviceName, DeviceType DeviceType, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt);

public sealed class ListUserSessionsQueryHandler(IAuthDbContext db, AdministrationScope scope)
    : IQueryHandler<ListUserSessionsQuery, Result<ListUserSessionsResult>>
{
    public async ValueTask<Result<ListUserSessionsResult>> Handle(ListUserSessionsQuery query, CancellationToken cancellationToken)
    {
        var found = await scope.ResolveUserAsync(query.Actor, query.UserId, cancellationToken);
        if (found.IsFailure) return found.Error;
        var userId = found.Value.Target.Id;
        var items = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new AdminSessionView(s.Id, s.DeviceName, s.DeviceType, s.CreatedAt, s.LastSeenAt))
            .ToListAsync(cancellationToken);
        return new ListUserSessionsResult(query.UserId, items);
    }
}
