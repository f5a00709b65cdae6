using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration;
using PasswordManager.Application.Auth.Administration.Users.ResetUserMfa;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.Mfa;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Users.ResetUserMfa;

internal static class ResetUserMfaEndpoint
{
    internal static RouteHandlerBuilder MapResetUserMfa(this RouteGroupBuilder group) =>
        group.MapDelete("/users/{userId:guid}/mfa", HandleAsync)
            .WithName("Auth.ResetUserMfa")
            .WithSummary("Removes a user's TOTP authenticator and recovery codes: the next login needs the master password only, and the user must enrol again. Recorded on the account.")
            .ProducesErrors(typeof(NotAdministrator), typeof(UserNotFound), typeof(AdminActionNotAllowed), typeof(AdminSelfAction), typeof(MfaNotEnabled));

    private static async Task<Results<Ok<AdminUserView>, ProblemHttpResult>> HandleAsync(
        Guid userId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ResetUserMfaCommand(Actor(principal, user), userId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
