using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Application.Auth.Sessions.Logout;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Auth.Sessions.Logout;

internal static class LogoutEndpoint
{
    internal static RouteHandlerBuilder MapLogout(this RouteGroupBuilder group) =>
        group.MapPost("/logout", HandleAsync)
            .WithName("Auth.Logout")
            .WithSummary("Ends the caller's own session; its refresh tokens stop working at once.");

    private static async Task<NoContent> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct)
    {
        await sender.Send(new LogoutCommand(user.Id, user.SessionId), ct);
        return TypedResults.NoContent();
    }
}
