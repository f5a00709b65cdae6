using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Members.ListMembers;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Members.ListMembers;

internal static class ListMembersEndpoint
{
    internal static RouteHandlerBuilder MapListMembers(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/members", HandleAsync)
            .WithName("Vault.ListMembers")
            .WithSummary("The vault's active members with their signed access records.")
            .ProducesErrors(typeof(VaultNotFound));

    private static async Task<Results<Ok<ListMembersResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListMembersQuery(user.Id, vaultId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
