using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Application.Vault.Invitations;
using PasswordManager.Application.Vault.Invitations.CancelInvitation;
using PasswordManager.Application.Vault.Invitations.ConfirmInvitation;
using PasswordManager.Application.Vault.Invitations.InviteToVault;
using PasswordManager.Application.Vault.Invitations.ListInvitations;
using PasswordManager.Application.Vault.Invitations.ListMyInvitations;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Invitations;

internal sealed record InviteToVaultRequest(string Invitee, Permission Permission, DateTimeOffset? ExpiresAt);

internal sealed record ConfirmInvitationRequest(long KeyEpoch, string WrappedKey, string GranterSignature);

/// <summary>Invitations of people without an account yet (docs/api-guide.md, "Invitations"): one use case per endpoint.</summary>
internal static class InvitationEndpoints
{
    internal static RouteHandlerBuilder MapInviteToVault(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/invitations", InviteAsync)
            .WithName("Vault.InviteToVault")
            .WithSummary("An admin invites someone without an account (username or email); registered users are granted directly.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(PersonalVaultNotShareable), typeof(InviteeRegistered), typeof(InvitationExists));

    internal static RouteHandlerBuilder MapListInvitations(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/invitations", ListAsync)
            .WithName("Vault.ListInvitations")
            .WithSummary("An admin lists the vault's invitations: pending, ready (invitee registered) or accepted.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden));

    internal static RouteHandlerBuilder MapCancelInvitation(this RouteGroupBuilder group) =>
        group.MapDelete("/{vaultId:guid}/invitations/{invitationId:guid}", CancelAsync)
            .WithName("Vault.CancelInvitation")
            .WithSummary("An admin withdraws an open invitation.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(InvitationNotFound));

    internal static RouteHandlerBuilder MapConfirmInvitation(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/invitations/{invitationId:guid}/confirm", ConfirmAsync)
            .WithName("Vault.ConfirmInvitation")
            .WithSummary("An admin grants the registered invitee access (a grant with the invitation's permission and expiry).")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(InvitationNotFound), typeof(InvitationNotReady), typeof(StaleKeyEpoch), typeof(QuotaExceeded));

    internal static RouteHandlerBuilder MapListMyInvitations(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/vault-invitations", ListMineAsync)
            .WithTags("Vault")
            .RequireAuthorization()
            .WithName("Vault.ListMyInvitations")
            .WithSummary("Invitations addressed to you (by username or email) with the vault id and status.");

    private static async Task<Results<Created<InvitationView>, ProblemHttpResult>> InviteAsync(
        Guid vaultId, InviteToVaultRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new InviteToVaultCommand(user.Id, user.TenantId, vaultId, request.Invitee ?? "", request.Permission, request.ExpiresAt), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/vaults/{vaultId}/invitations/{result.Value.InvitationId}", result.Value);
    }

    private static async Task<Results<Ok<ListInvitationsResult>, ProblemHttpResult>> ListAsync(
        Guid vaultId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListInvitationsQuery(user.Id, user.TenantId, vaultId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(
        Guid vaultId, Guid invitationId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new CancelInvitationCommand(user.Id, vaultId, invitationId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<MemberAccess>, ProblemHttpResult>> ConfirmAsync(
        Guid vaultId, Guid invitationId, ConfirmInvitationRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ConfirmInvitationCommand(
            user.Id, user.TenantId, vaultId, invitationId, request.KeyEpoch, request.WrappedKey, request.GranterSignature), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/vaults/{vaultId}/members/{result.Value.UserId}", result.Value);
    }

    private static async Task<Ok<ListMyInvitationsResult>> ListMineAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListMyInvitationsQuery(user.Id), ct));
}
