using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.RekeySessions.UploadRekeyEntries;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.RekeySessions.UploadRekeyEntries;

internal sealed record UploadRekeyEntriesRequest(IReadOnlyList<StagedEntryUpload>? Entries);

internal static class UploadRekeyEntriesEndpoint
{
    internal static RouteHandlerBuilder MapUploadRekeyEntries(this RouteGroupBuilder group) =>
        group.MapPut(RekeySessionRoutes.Session + "/entries", HandleAsync)
            .WithName("Vault.UploadRekeyEntries")
            .WithSummary("Stages a batch of entries re-encrypted under the new key (again: replaces; null ciphertext: unstages).")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(RekeySessionNotFound));

    private static async Task<Results<Ok<UploadRekeyEntriesResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid sessionId, UploadRekeyEntriesRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new UploadRekeyEntriesCommand(user.Id, vaultId, sessionId, request.Entries ?? []), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
