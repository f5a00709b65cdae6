using Mediator;
using PasswordManager.Application.Auth.Sessions.GetCurrentSession;

namespace PasswordManager.Api.Auth.Sessions.GetCurrentSession;

internal static class GetCurrentSessionEndpoint
{
    internal static RouteHandlerBuilder MapGetCurrentSession(this RouteGroupBuilder group) =>
        group.MapGet("/session", HandleAsync)
            .WithName("Auth.GetCurrentSession")
            .WithSummary("Describes the presented access token (user, session, tenant, role, expiry) without a database read.");

    private static async Task<CurrentSession> HandleAsync(ISender sender, CancellationToken ct) =>
        await sender.Send(new GetCurrentSessionQuery(), ct);
}
