using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Members.GrantAccess;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.Domain.Vault;
using PasswordManager.Application.Contracts.Billing;

namespace PasswordManager.Api.Vault.Members.GrantAccess;

/// <summary><see cref="History"/>: the grant's history record (base64, docs/crypto-format.md §21), required once the vault has one.</summary>
internal sealed record GrantAccessRequest(
    Guid UserId, Permission Permission, long KeyEpoch, string WrappedKey, string GranterSignature, DateTimeOffset? ExpiresAt, string? History = null);

internal static class GrantAccessEndpoint
{
    internal static RouteHandlerBuilder MapGrantAccess(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/members", HandleAsync)
            .WithName("Vault.GrantAccess")
            .WithSummary("An admin adds a member: the current vault key wrapped for the recipient and signed by the admin.")
            .ProducesErrors(typeof(QuotaExceeded), typeof(VaultNotFound), typeof(AdminForbidden), typeof(StaleKeyEpoch), typeof(RecipientNotFound), typeof(AlreadyMember), typeof(PersonalVaultNotShareable),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord));

    private static async Task<Results<Created<MemberAccess>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, GrantAccessRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GrantAccessCommand(
            user.Id, user.TenantId, vaultId, request.UserId, request.Permission, request.KeyEpoch, request.WrappedKey,
            request.GranterSignature, request.ExpiresAt, request.History), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/vaults/{vaultId}/members/{request.UserId}", result.Value);
    }
}
