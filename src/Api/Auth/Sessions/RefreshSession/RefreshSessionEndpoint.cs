using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Api.Common.OpenApi;
using PasswordManager.Api.Common.Security;
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
            .ProducesErrors(typeof(InvalidRefreshToken), typeof(SessionExpired), typeof(RefreshTokenReused), typeof(AccountDisabled), typeof(TenantSuspended))
            .WithMetadata(OwnRateLimitMetadata.Instance)
            .WithDescription("Presenting an already used refresh token after the grace window revokes the whole session.");

    private static async Task<Results<Ok<RefreshSessionResult>, ProblemHttpResult>> HandleAsync(
        RefreshSessionRequest request, RefreshRateLimiter limiter, HttpContext context, ISender sender, CancellationToken ct)
    {
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var (allowed, retryAfter) = await limiter.TryAcquireAsync(request.RefreshToken, client);
        if (!allowed)
        {
            RateLimitedProblem.SetRetryAfter(context.Response, retryAfter);
            return TypedResults.Problem(
                title: "Too many refreshes of this token, or too many unknown refresh tokens from this address. Try again later.",
                statusCode: StatusCodes.Status429TooManyRequests,
                extensions: new Dictionary<string, object?> { ["code"] = RateLimitedProblem.Code });
        }

        var result = await sender.Send(new RefreshSessionCommand(request.RefreshToken), ct);
        if (result.IsFailure)
        {
            if (result.Error is InvalidRefreshToken) await limiter.RecordFailureAsync(client);
            return result.Error.ToProblem();
        }

        return TypedResults.Ok(result.Value);
    }
}
