using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Entries.ListEntryVersions;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Entries.ListEntryVersions;

internal static class ListEntryVersionsEndpoint
{
    internal static RouteHandlerBuilder MapListEntryVersions(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/entries/{entryId:guid}/versions", HandleAsync)
            .WithName("Vault.ListEntryVersions")
            .WithSummary("The entry's kept previous versions, newest first.")
            .ProducesErrors(typeof(VaultNotFound), typeof(EntryNotFound));

    private static async Task<Results<Ok<ListEntryVersionsResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid entryId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new ListEntryVersionsQuery(user.Id, vaultId, entryId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
