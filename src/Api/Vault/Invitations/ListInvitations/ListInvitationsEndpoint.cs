using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Invitations.ListInvitations;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Invitations.ListInvitations;

internal static class ListInvitationsEndpoint
{
    internal static RouteHandlerBuilder MapListInvitations(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/invitations", HandleAsync)
            .WithName("Vault.ListInvitations")
            .WithSummary("An admin lists the vault's invitations: pending, ready (invitee registered) or accepted.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden));

    private static async Task<Results<Ok<ListInvitationsResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListInvitationsQuery(user.Id, user.TenantId, vaultId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
