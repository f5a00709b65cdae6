using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Application.Vault.Vaults.GetVault;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Vaults.GetVault;

internal static class GetVaultEndpoint
{
    internal static RouteHandlerBuilder MapGetVault(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}", HandleAsync)
            .WithName("Vault.GetVault")
            .WithSummary("One vault with the caller's access record (404 without access).")
            .ProducesErrors(typeof(VaultNotFound));

    private static async Task<Results<Ok<VaultSummary>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetVaultQuery(user.Id, vaultId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
