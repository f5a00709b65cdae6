using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Sessions.RefreshSession;
using PasswordManager.Domain.Auth;

namespace PasswordManager.Api.Auth.Sessions.RefreshSession;

internal sealed record RefreshSessionRequest(string RefreshToken);

internal static class RefreshSessionEndpoint
{
    internal static RouteHandlerBuilder MapRefreshSession(this RouteGroupBuilder group) =>
        group.MapPost("/refresh", HandleAsync)
            .WithName("Auth.RefreshSession")
            .WithSummary("Exchanges a refresh token for a new access token and a new refresh token (rotation).")
            .ProducesErrors(typeof(InvalidRefreshToken), typeof(SessionExpired), typeof(RefreshTokenReused))
            .WithDescription("Presenting an already used refresh token after the grace window revokes the whole session.");

    private static async Task<Results<Ok<RefreshSessionResult>, ProblemHttpResult>> HandleAsync(
        RefreshSessionRequest request, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RefreshSessionCommand(request.RefreshToken), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
