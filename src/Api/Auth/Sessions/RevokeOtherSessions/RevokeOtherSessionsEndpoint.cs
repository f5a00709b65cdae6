using Mediator;
using PasswordManager.Application.Auth.Sessions.RevokeOtherSessions;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Auth.Sessions.RevokeOtherSessions;

internal static class RevokeOtherSessionsEndpoint
{
    internal static RouteHandlerBuilder MapRevokeOtherSessions(this RouteGroupBuilder group) =>
        group.MapPost("/sessions/revoke-others", HandleAsync)
            .WithName("Auth.RevokeOtherSessions")
            .WithSummary("Revokes every session of the caller except the current one.");

    private static async Task<RevokeOtherSessionsResult> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        await sender.Send(new RevokeOtherSessionsCommand(user.Id, user.SessionId), ct);
}
