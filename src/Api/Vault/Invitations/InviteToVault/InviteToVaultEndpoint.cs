using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Invitations;
using PasswordManager.Application.Vault.Invitations.InviteToVault;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Api.Vault.Invitations.InviteToVault;

internal sealed record InviteToVaultRequest(string Invitee, Permission Permission, DateTimeOffset? ExpiresAt);

internal static class InviteToVaultEndpoint
{
    internal static RouteHandlerBuilder MapInviteToVault(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/invitations", HandleAsync)
            .WithName("Vault.InviteToVault")
            .WithSummary("An admin invites someone without an account (username or email); registered users are granted directly.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(PersonalVaultNotShareable), typeof(InviteeRegistered), typeof(InvitationExists));

    private static async Task<Results<Created<InvitationView>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, InviteToVaultRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new InviteToVaultCommand(user.Id, user.TenantId, vaultId, request.Invitee ?? "", request.Permission, request.ExpiresAt), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/vaults/{vaultId}/invitations/{result.Value.InvitationId}", result.Value);
    }
}
