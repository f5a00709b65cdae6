using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Entries.FetchEntries;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Entries.FetchEntries;

internal sealed record FetchEntriesRequest(IReadOnlyList<Guid> EntryIds);

internal static class FetchEntriesEndpoint
{
    internal static RouteHandlerBuilder MapFetchEntries(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/entries/fetch", HandleAsync)
            .WithName("Vault.FetchEntries")
            .WithSummary("Ciphertexts of up to 256 entries (those a sync page did not carry inline).")
            .ProducesErrors(typeof(VaultNotFound));

    private static async Task<Results<Ok<FetchEntriesResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, FetchEntriesRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new FetchEntriesQuery(user.Id, vaultId, request.EntryIds ?? []), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
