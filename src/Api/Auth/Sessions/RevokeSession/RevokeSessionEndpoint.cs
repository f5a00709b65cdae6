using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Sessions.RevokeSession;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;

namespace PasswordManager.Api.Auth.Sessions.RevokeSession;

internal static class RevokeSessionEndpoint
{
    internal static RouteHandlerBuilder MapRevokeSession(this RouteGroupBuilder group) =>
        group.MapDelete("/sessions/{sessionId:guid}", HandleAsync)
            .WithName("Auth.RevokeSession")
            .WithSummary("Revokes one of the caller's sessions (another user's session answers 404).")
            .ProducesErrors(typeof(SessionNotFound));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid sessionId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RevokeSessionCommand(user.Id, sessionId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
