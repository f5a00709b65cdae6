using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Application.Sharing.Invitations.ConfirmInvitation;
using PasswordManager.Domain.Sharing;

namespace PasswordManager.Api.Sharing.Invitations.ConfirmInvitation;

/// <summary><see cref="History"/>: the grant's vault history record (base64, docs/crypto-format.md §21), required once the vault has one.</summary>
internal sealed record ConfirmInvitationRequest(long KeyEpoch, string WrappedKey, string GranterSignature, string? History = null);

internal static class ConfirmInvitationEndpoint
{
    internal static RouteHandlerBuilder MapConfirmInvitation(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/invitations/{invitationId:guid}/confirm", HandleAsync)
            .WithName("Vault.ConfirmInvitation")
            .WithSummary("An admin grants the registered invitee access (a grant with the invitation's permission and expiry).")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(InvitationNotFound), typeof(InvitationNotReady), typeof(StaleKeyEpoch), typeof(QuotaExceeded),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord));

    private static async Task<Results<Created<ConfirmedMember>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid invitationId, ConfirmInvitationRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ConfirmInvitationCommand(
            user.Id, user.TenantId, vaultId, invitationId, request.KeyEpoch, request.WrappedKey, request.GranterSignature, request.History), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/vaults/{vaultId}/members/{result.Value.UserId}", result.Value);
    }
}
