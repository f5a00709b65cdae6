using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Members.ChangePermission;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Members.ChangePermission;

internal sealed record ChangePermissionRequest(Permission Permission, string GranterSignature);

internal static class ChangePermissionEndpoint
{
    internal static RouteHandlerBuilder MapChangePermission(this RouteGroupBuilder group) =>
        group.MapPut("/{vaultId:guid}/members/{userId:guid}", HandleAsync)
            .WithName("Vault.ChangePermission")
            .WithSummary("An admin changes a member's permission (re-signed); the last admin cannot be demoted.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(MemberNotFound), typeof(SoleAdmin), typeof(OwnerProtected));

    private static async Task<Results<Ok<MemberAccess>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid userId, ChangePermissionRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ChangePermissionCommand(user.Id, vaultId, userId, request.Permission, request.GranterSignature), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
