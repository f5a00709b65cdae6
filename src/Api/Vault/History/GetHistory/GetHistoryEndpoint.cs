using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.History.GetHistory;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.History.GetHistory;

internal static class GetHistoryEndpoint
{
    internal static RouteHandlerBuilder MapGetHistory(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/history", HandleAsync)
            .WithName("Vault.GetHistory")
            .WithSummary("The vault's signed history records after ?after=SEQ (none: from the latest checkpoint), with the head; pass ?after=<next> for the following page.")
            .ProducesErrors(typeof(VaultNotFound));

    private static async Task<Results<Ok<GetHistoryResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, long? after, int? limit, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetHistoryQuery(user.Id, vaultId, after, limit), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
