using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration.Users.RevokeUserSessions;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Users.RevokeUserSessions;

internal static class RevokeUserSessionsEndpoint
{
    internal static RouteHandlerBuilder MapRevokeUserSessions(this RouteGroupBuilder group) =>
        group.MapDelete("/users/{userId:guid}/sessions", HandleAsync)
            .WithName("Auth.RevokeUserSessions")
            .WithSummary("Ends every session of a user at once; the user may log in again.")
            .ProducesErrors(typeof(NotAdministrator), typeof(UserNotFound), typeof(AdminActionNotAllowed), typeof(AdminSelfAction));

    private static async Task<Results<Ok<RevokeUserSessionsResult>, ProblemHttpResult>> HandleAsync(
        Guid userId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RevokeUserSessionsCommand(Actor(principal, user), userId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
