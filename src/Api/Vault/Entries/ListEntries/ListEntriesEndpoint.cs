using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Entries.ListEntries;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Entries.ListEntries;

internal static class ListEntriesEndpoint
{
    internal static RouteHandlerBuilder MapListEntries(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/entries", HandleAsync)
            .WithName("Vault.ListEntries")
            .WithSummary("Entry metadata in id order; pass ?after=<next> for the following page. "
                + "With ?nameIndex=<blind name index>, only the entries carrying it, each with its ciphertext.")
            .ProducesErrors(typeof(VaultNotFound));

    private static async Task<Results<Ok<ListEntriesResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid? after, int? limit, bool? includeDeleted, string? nameIndex, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListEntriesQuery(user.Id, vaultId, after, limit ?? 100, includeDeleted ?? false, nameIndex), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
