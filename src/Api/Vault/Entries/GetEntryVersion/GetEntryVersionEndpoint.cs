using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Entries.GetEntryVersion;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Entries.GetEntryVersion;

internal static class GetEntryVersionEndpoint
{
    internal static RouteHandlerBuilder MapGetEntryVersion(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/entries/{entryId:guid}/versions/{version:long}", HandleAsync)
            .WithName("Vault.GetEntryVersion")
            .WithSummary("One kept previous version of an entry, with its ciphertext.")
            .ProducesErrors(typeof(VaultNotFound), typeof(EntryVersionNotFound));

    private static async Task<Results<Ok<EntryVersionDetails>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid entryId, long version, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetEntryVersionQuery(user.Id, vaultId, entryId, version), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
