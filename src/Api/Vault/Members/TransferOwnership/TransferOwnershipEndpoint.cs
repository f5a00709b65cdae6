using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Members.TransferOwnership;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Members.TransferOwnership;

internal sealed record TransferOwnershipRequest(Guid UserId);

internal static class TransferOwnershipEndpoint
{
    internal static RouteHandlerBuilder MapTransferOwnership(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/owner", HandleAsync)
            .WithName("Vault.TransferOwnership")
            .WithSummary("The vault's owner hands it to another active admin.")
            .ProducesErrors(typeof(VaultNotFound), typeof(MemberNotFound), typeof(OwnerForbidden), typeof(NewOwnerNotAdmin));

    private static async Task<Results<Ok<VaultSummary>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, TransferOwnershipRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new TransferOwnershipCommand(user.Id, vaultId, request.UserId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
