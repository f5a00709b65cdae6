using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.SecurityEvents.ListSecurityEvents;

/// <summary>The caller's own events, newest first; <see cref="Before"/> is the previous page's cursor.</summary>
public sealed record ListSecurityEventsQuery(UserId UserId, Guid? Before, int Limit) : IQuery<ListSecurityEventsResult>;

public sealed record ListSecurityEventsResult(IReadOnlyList<SecurityEventSummary> Items, Guid? NextCursor);

public sealed record SecurityEventSummary(
    Guid Id, string Type, DateTimeOffset OccurredAt, string? IpAddress, string? DeviceName, JsonElement? Details);

public sealed class ListSecurityEventsQueryHandler(IAuthDbContext db) : IQueryHandler<ListSecurityEventsQuery, ListSecurityEventsResult>
{
    public async ValueTask<ListSecurityEventsResult> Handle(ListSecurityEventsQuery query, CancellationToken cancellationToken)
    {
        // Ids are UUIDv7, so their order is the order of occurrence.
        var events = db.SecurityEvents.AsNoTracking().Where(e => e.UserId == query.UserId);
        if (query.Before is { } before) events = events.Where(e => e.Id.CompareTo(before) < 0);
        var rows = await events
            .OrderByDescending(e => e.Id)
            .Take(query.Limit + 1)
            .Select(e => new { e.Id, e.Type, e.OccurredAt, e.IpAddress, e.DeviceName, e.Details })
            .ToListAsync(cancellationToken);
        var hasMore = rows.Count > query.Limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        var items = rows
            .Select(r => new SecurityEventSummary(
                r.Id, r.Type, r.OccurredAt, r.IpAddress, r.DeviceName,
                r.Details is null ? null : JsonDocument.Parse(r.Details).RootElement.Clone()))
            .ToList();
        return new ListSecurityEventsResult(items, hasMore ? items[^1].Id : null);
    }
}
