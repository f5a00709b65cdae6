using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Invitations.CancelInvitation;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Invitations.CancelInvitation;

internal static class CancelInvitationEndpoint
{
    internal static RouteHandlerBuilder MapCancelInvitation(this RouteGroupBuilder group) =>
        group.MapDelete("/{vaultId:guid}/invitations/{invitationId:guid}", HandleAsync)
            .WithName("Vault.CancelInvitation")
            .WithSummary("An admin withdraws an open invitation.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(InvitationNotFound));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid invitationId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new CancelInvitationCommand(user.Id, vaultId, invitationId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
