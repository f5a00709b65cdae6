using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Users.ChangeUserRole;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.Users;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Users.ChangeUserRole;

internal sealed record ChangeUserRoleRequest(TenantRole? Role);

internal static class ChangeUserRoleEndpoint
{
    internal static RouteHandlerBuilder MapChangeUserRole(this RouteGroupBuilder group) =>
        group.MapPut("/users/{userId:guid}/role", HandleAsync)
            .WithName("Auth.ChangeUserRole")
            .WithSummary("Sets a user's tenant role. Only owners and instance admins touch owners or make owners; the last owner stays; a lowered role ends the user's sessions.")
            .ProducesErrors(typeof(NotAdministrator), typeof(UserNotFound), typeof(AdminActionNotAllowed), typeof(AdminSelfAction), typeof(LastOwner));

    private static async Task<Results<Ok<AdminUserView>, ProblemHttpResult>> HandleAsync(
        Guid userId, ChangeUserRoleRequest request, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ChangeUserRoleCommand(Actor(principal, user), userId, request.Role), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
