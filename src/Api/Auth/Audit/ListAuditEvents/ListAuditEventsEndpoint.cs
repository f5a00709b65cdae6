using Mediator;
using PasswordManager.Application.Auth.Audit.ListAuditEvents;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Auth.Audit.ListAuditEvents;

internal static class ListAuditEventsEndpoint
{
    private const int DefaultLimit = 50;

    internal static RouteHandlerBuilder MapListAuditEvents(this RouteGroupBuilder group) =>
        group.MapGet("/events", HandleAsync)
            .WithName("Audit.ListEvents")
            .WithSummary("The caller's tenant audit log, newest first (tenant admins): filter by userId (the actor), action and a time range "
                + "[from, to); pass nextCursor back as cursor for the next page.");

    private static async Task<ListAuditEventsResult> HandleAsync(
        ICurrentUser user, ISender sender, CancellationToken ct,
        Guid? userId = null, string? action = null, DateTimeOffset? from = null, DateTimeOffset? to = null, long? cursor = null,
        int limit = DefaultLimit) =>
        await sender.Send(new ListAuditEventsQuery(user.TenantId, userId, action, from, to, cursor, limit), ct);
}
