using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth.Audit.ListAuditEvents;

/// <summary>
/// A tenant's audit log for its admins, newest first, filtered by actor, action and time (<see cref="From"/> inclusive,
/// <see cref="To"/> exclusive). <see cref="Before"/> is the previous page's cursor: a sequence number of the tenant's chain.
/// </summary>
public sealed record ListAuditEventsQuery(
    TenantId TenantId, Guid? UserId, string? Action, DateTimeOffset? From, DateTimeOffset? To, long? Before, int Limit)
    : IQuery<ListAuditEventsResult>;

public sealed record ListAuditEventsResult(IReadOnlyList<AuditEventSummary> Items, long? NextCursor);

public sealed record AuditEventSummary(
    Guid Id,
    long Sequence,
    DateTimeOffset OccurredAt,
    Guid? ActorId,
    string Action,
    string Outcome,
    string? ObjectType,
    Guid? ObjectId,
    string? IpAddress,
    string? DeviceName,
    JsonElement? Details);

public sealed class ListAuditEventsQueryHandler(IAuditDbContext db) : IQueryHandler<ListAuditEventsQuery, ListAuditEventsResult>
{
    public async ValueTask<ListAuditEventsResult> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        var tenant = query.TenantId.Value;
        await db.ChainPendingAsync(tenant, cancellationToken);
        var events = db.Events.AsNoTracking().Where(e => e.TenantId == tenant);
        if (query.Before is { } before) events = events.Where(e => e.Sequence < before);
        if (query.UserId is { } user) events = events.Where(e => e.ActorId == user);
        if (query.Action is { } action) events = events.Where(e => e.Action == action);
        if (query.From is { } from) events = events.Where(e => e.OccurredAt >= from);
        if (query.To is { } to) events = events.Where(e => e.OccurredAt < to);
        var rows = await events
            .OrderByDescending(e => e.Sequence)
            .Take(query.Limit + 1)
            .Select(e => new
            {
                e.Id, e.Sequence, e.OccurredAt, e.ActorId, e.Action, e.Outcome, e.ObjectType, e.ObjectId, e.IpAddress, e.DeviceName, e.Details,
            })
            .ToListAsync(cancellationToken);
        var hasMore = rows.Count > query.Limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        var items = rows
            .Select(r => new AuditEventSummary(
                r.Id, r.Sequence, r.OccurredAt, r.ActorId, r.Action, r.Outcome, r.ObjectType, r.ObjectId, r.IpAddress, r.DeviceName,
                r.Details is null ? null : JsonDocument.Parse(r.Details).RootElement.Clone()))
            .ToList();
        return new ListAuditEventsResult(items, hasMore ? items[^1].Sequence : null);
    }
}
