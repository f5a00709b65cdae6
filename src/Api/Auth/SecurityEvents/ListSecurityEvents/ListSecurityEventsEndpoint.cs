using Mediator;
using PasswordManager.Application.Auth.SecurityEvents.ListSecurityEvents;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Auth.SecurityEvents.ListSecurityEvents;

internal static class ListSecurityEventsEndpoint
{
    private const int DefaultLimit = 50;

    internal static RouteHandlerBuilder MapListSecurityEvents(this RouteGroupBuilder group) =>
        group.MapGet("/security-events", HandleAsync)
            .WithName("Auth.ListSecurityEvents")
            .WithSummary("The caller's own security events, newest first; pass nextCursor back as cursor for the next page.");

    private static async Task<ListSecurityEventsResult> HandleAsync(
        ICurrentUser user, ISender sender, CancellationToken ct, Guid? cursor = null, int limit = DefaultLimit) =>
        await sender.Send(new ListSecurityEventsQuery(user.Id, cursor, limit), ct);
}
