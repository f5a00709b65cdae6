using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration.Invitations.ListInvitations;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Invitations.ListInvitations;

internal static class ListInvitationsEndpoint
{
    internal static RouteHandlerBuilder MapListInvitations(this RouteGroupBuilder group) =>
        group.MapGet("/invitations", HandleAsync)
            .WithName("Auth.ListInvitations")
            .WithSummary("Lists the unused tenant invitations the caller administers (expired ones too), newest first; never their codes.")
            .ProducesErrors(typeof(NotAdministrator));

    private static async Task<Results<Ok<ListInvitationsResult>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct, Guid? tenantId = null)
    {
        var result = await sender.Send(new ListInvitationsQuery(Actor(principal, user), tenantId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
