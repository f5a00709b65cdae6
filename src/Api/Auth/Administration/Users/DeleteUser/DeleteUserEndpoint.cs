using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Accounts.DeleteAccount;
using PasswordManager.Application.Auth.Administration.Users.DeleteUser;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Users.DeleteUser;

internal static class DeleteUserEndpoint
{
    internal static RouteHandlerBuilder MapDeleteUser(this RouteGroupBuilder group) =>
        group.MapDelete("/users/{userId:guid}", HandleAsync)
            .WithName("Auth.DeleteUser")
            .WithSummary("Deletes a user and its vault data by the rules of self-deletion (409 lists the shared vaults that block it); the last owner stays.")
            .ProducesErrors(typeof(NotAdministrator), typeof(UserNotFound), typeof(AdminActionNotAllowed), typeof(AdminSelfAction), typeof(LastOwner), typeof(AccountDeletionBlocked));

    private static async Task<Results<Ok<DeleteAccountResult>, ProblemHttpResult>> HandleAsync(
        Guid userId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new DeleteUserCommand(Actor(principal, user), userId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
