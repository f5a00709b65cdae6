using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Members.ChangePermission;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Members.ChangePermission;

/// <summary><see cref="History"/>: the change's history record (base64, docs/crypto-format.md §21), required once the vault has one.</summary>
internal sealed record ChangePermissionRequest(Permission Permission, string GranterSignature, string? History = null);

internal static class ChangePermissionEndpoint
{
    internal static RouteHandlerBuilder MapChangePermission(this RouteGroupBuilder group) =>
        group.MapPut("/{vaultId:guid}/members/{userId:guid}", HandleAsync)
            .WithName("Vault.ChangePermission")
            .WithSummary("An admin changes a member's permission (re-signed); the last admin cannot be demoted.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(MemberNotFound), typeof(SoleAdmin), typeof(OwnerProtected),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord));

    private static async Task<Results<Ok<MemberAccess>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid userId, ChangePermissionRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ChangePermissionCommand(user.Id, vaultId, userId, request.Permission, request.GranterSignature, request.History), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
