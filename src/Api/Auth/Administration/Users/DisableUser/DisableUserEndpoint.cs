using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Users.DisableUser;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Users.DisableUser;

internal static class DisableUserEndpoint
{
    internal static RouteHandlerBuilder MapDisableUser(this RouteGroupBuilder group) =>
        group.MapPost("/users/{userId:guid}/disable", HandleAsync)
            .WithName("Auth.DisableUser")
            .WithSummary("Disables a user: every session ends at once; login, refresh and the user's API keys answer auth.account_disabled until enabled.")
            .ProducesErrors(typeof(NotAdministrator), typeof(UserNotFound), typeof(AdminActionNotAllowed), typeof(AdminSelfAction));

    private static async Task<Results<Ok<AdminUserView>, ProblemHttpResult>> HandleAsync(
        Guid userId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new DisableUserCommand(Actor(principal, user), userId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
