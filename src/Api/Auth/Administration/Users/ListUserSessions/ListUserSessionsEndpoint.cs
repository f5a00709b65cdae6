using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration.Users.ListUserSessions;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Users.ListUserSessions;

internal static class ListUserSessionsEndpoint
{
    internal static RouteHandlerBuilder MapListUserSessions(this RouteGroupBuilder group) =>
        group.MapGet("/users/{userId:guid}/sessions", HandleAsync)
            .WithName("Auth.ListUserSessions")
            .WithSummary("Lists a user's active sessions (device name and type, start, last refresh).")
            .ProducesErrors(typeof(NotAdministrator), typeof(UserNotFound));

    private static async Task<Results<Ok<ListUserSessionsResult>, ProblemHttpResult>> HandleAsync(
        Guid userId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListUserSessionsQuery(Actor(principal, user), userId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
