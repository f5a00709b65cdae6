using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.Entries.UpsertEntry;
using PasswordManager.Domain.Vault;
using PasswordManager.Application.Contracts.Billing;

namespace PasswordManager.Api.Vault.Entries.UpsertEntry;

/// <summary>
/// <see cref="ReplacesVersion"/> is the version the client last saw; omit it to create. <see cref="NameIndex"/>: the
/// blind index of the entry's name (docs/crypto-format.md §20), for lookups by name; omit it for none.
/// <see cref="History"/>: the write's signed history record (base64, docs/crypto-format.md §21), required once the vault has one.
/// </summary>
internal sealed record UpsertEntryRequest(long? ReplacesVersion, long KeyEpoch, string Ciphertext, string? NameIndex = null, string? History = null);

internal static class UpsertEntryEndpoint
{
    internal static RouteHandlerBuilder MapUpsertEntry(this RouteGroupBuilder group) =>
        group.MapPut("/{vaultId:guid}/entries/{entryId:guid}", HandleAsync)
            .WithName("Vault.UpsertEntry")
            .WithSummary("Creates an entry or replaces the version the client last saw (409 with the current state when stale).")
            .ProducesErrors(typeof(QuotaExceeded), typeof(VaultNotFound), typeof(WriteForbidden), typeof(EntryNotFound), typeof(StaleEntryVersion), typeof(StaleKeyEpoch),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord));

    private static async Task<Results<Created<EntryWriteOutcome>, Ok<EntryWriteOutcome>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid entryId, UpsertEntryRequest request, ICurrentUser user, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var result = await sender.Send(
            new UpsertEntryCommand(user.Id, vaultId, entryId, request.ReplacesVersion, request.KeyEpoch, request.Ciphertext, request.NameIndex, request.History), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        response.Headers.ETag = EntryETag.Of(result.Value.Version);
        return result.Value.Created
            ? TypedResults.Created($"/api/v1/vaults/{vaultId}/entries/{entryId}", result.Value)
            : TypedResults.Ok(result.Value);
    }
}
