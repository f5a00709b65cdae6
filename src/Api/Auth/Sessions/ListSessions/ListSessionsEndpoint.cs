using Mediator;
using PasswordManager.Application.Auth.Sessions.ListSessions;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Auth.Sessions.ListSessions;

internal static class ListSessionsEndpoint
{
    internal static RouteHandlerBuilder MapListSessions(this RouteGroupBuilder group) =>
        group.MapGet("/sessions", HandleAsync)
            .WithName("Auth.ListSessions")
            .WithSummary("Lists the caller's active device sessions, most recently used first.");

    private static async Task<ListSessionsResult> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        await sender.Send(new ListSessionsQuery(user.Id, user.SessionId), ct);
}
