using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Users.EnableUser;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Users.EnableUser;

internal static class EnableUserEndpoint
{
    internal static RouteHandlerBuilder MapEnableUser(this RouteGroupBuilder group) =>
        group.MapPost("/users/{userId:guid}/enable", HandleAsync)
            .WithName("Auth.EnableUser")
            .WithSummary("Enables a disabled user again.")
            .ProducesErrors(typeof(NotAdministrator), typeof(UserNotFound), typeof(AdminActionNotAllowed), typeof(AdminSelfAction));

    private static async Task<Results<Ok<AdminUserView>, ProblemHttpResult>> HandleAsync(
        Guid userId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new EnableUserCommand(Actor(principal, user), userId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
