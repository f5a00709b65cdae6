using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.Entries.GetEntry;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Entries.GetEntry;

internal static class GetEntryEndpoint
{
    internal static RouteHandlerBuilder MapGetEntry(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/entries/{entryId:guid}", HandleAsync)
            .WithName("Vault.GetEntry")
            .WithSummary("An entry's metadata and ciphertext; the ETag is its version.")
            .ProducesErrors(typeof(VaultNotFound), typeof(EntryNotFound));

    private static async Task<Results<Ok<EntryDetails>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid entryId, ICurrentUser user, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(new GetEntryQuery(user.Id, vaultId, entryId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        response.Headers.ETag = EntryETag.Of(result.Value.Entry.Version);
        return TypedResults.Ok(result.Value);
    }
}
