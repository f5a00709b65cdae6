using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Entries.WriteEntries;
using PasswordManager.Domain.Vault;
using PasswordManager.Application.Contracts.Billing;

namespace PasswordManager.Api.Vault.Entries.WriteEntries;

/// <summary><see cref="History"/>: the batch's one signed history record (base64, docs/crypto-format.md §21).</summary>
internal sealed record WriteEntriesRequest(IReadOnlyList<EntryWriteItem> Writes, string? History = null);

internal static class WriteEntriesEndpoint
{
    internal static RouteHandlerBuilder MapWriteEntries(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/entries/batch", HandleAsync)
            .WithName("Vault.WriteEntries")
            .WithSummary("Creates, replaces and deletes many entries in one transaction: all apply, or none (409 lists every conflict).")
            .ProducesErrors(typeof(QuotaExceeded), typeof(VaultNotFound), typeof(WriteForbidden), typeof(EntryNotFound), typeof(StaleEntryVersion), typeof(StaleKeyEpoch),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord));

    private static async Task<Results<Ok<WriteEntriesResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, WriteEntriesRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new WriteEntriesCommand(user.Id, vaultId, request.Writes ?? [], request.History), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
