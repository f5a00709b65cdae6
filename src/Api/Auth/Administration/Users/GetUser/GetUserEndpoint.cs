using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Users.GetUser;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Users.GetUser;

internal static class GetUserEndpoint
{
    internal static RouteHandlerBuilder MapGetUser(this RouteGroupBuilder group) =>
        group.MapGet("/users/{userId:guid}", HandleAsync)
            .WithName("Auth.GetUser")
            .WithSummary("Shows a user's metadata (never key material, verifiers or the hint). A user outside the caller's tenant answers 404.")
            .ProducesErrors(typeof(NotAdministrator), typeof(UserNotFound));

    private static async Task<Results<Ok<AdminUserView>, ProblemHttpResult>> HandleAsync(
        Guid userId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetUserQuery(Actor(principal, user), userId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
