using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration.Invitations.CancelInvitation;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Invitations.CancelInvitation;

internal static class CancelInvitationEndpoint
{
    internal static RouteHandlerBuilder MapCancelInvitation(this RouteGroupBuilder group) =>
        group.MapDelete("/invitations/{invitationId:guid}", HandleAsync)
            .WithName("Auth.CancelInvitation")
            .WithSummary("Cancels an unused invitation; its code stops working.")
            .ProducesErrors(typeof(NotAdministrator), typeof(InvitationNotFound), typeof(AdminActionNotAllowed));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid invitationId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new CancelInvitationCommand(Actor(principal, user), invitationId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
