using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Administration.Invitations.ResendInvitation;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Administration;
using static PasswordManager.Api.Auth.Administration.AdministrationEndpoints;

namespace PasswordManager.Api.Auth.Administration.Invitations.ResendInvitation;

internal static class ResendInvitationEndpoint
{
    internal static RouteHandlerBuilder MapResendInvitation(this RouteGroupBuilder group) =>
        group.MapPost("/invitations/{invitationId:guid}/resend", HandleAsync)
            .WithName("Auth.ResendInvitation")
            .WithSummary("Issues a new code for an unused invitation with a fresh lifetime (the old code stops working); the code is shown once.")
            .ProducesErrors(typeof(NotAdministrator), typeof(InvitationNotFound), typeof(AdminActionNotAllowed));

    private static async Task<Results<Ok<ResentInvitation>, ProblemHttpResult>> HandleAsync(
        Guid invitationId, ClaimsPrincipal principal, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ResendInvitationCommand(Actor(principal, user), invitationId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
