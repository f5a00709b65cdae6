using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Vault.History;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Entries;
using PasswordManager.Application.Vault.Entries.DeleteEntry;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Entries.DeleteEntry;

internal static class DeleteEntryEndpoint
{
    internal static RouteHandlerBuilder MapDeleteEntry(this RouteGroupBuilder group) =>
        group.MapDelete("/{vaultId:guid}/entries/{entryId:guid}", HandleAsync)
            .WithName("Vault.DeleteEntry")
            .WithSummary("Deletes (tombstones) the version named by ?version=N or If-Match: \"N\" (409 when stale).")
            .ProducesErrors(typeof(VaultNotFound), typeof(WriteForbidden), typeof(EntryNotFound), typeof(StaleEntryVersion), typeof(StaleKeyEpoch),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord));

    private static async Task<Results<Ok<EntryWriteOutcome>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid entryId, long? version, string? history, [FromHeader(Name = HistoryRecordHeader.Name)] string? historyHeader, HttpRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var replaces = version ?? EntryETag.Parse(request.Headers.IfMatch) ?? 0;
        var result = await sender.Send(new DeleteEntryCommand(user.Id, vaultId, entryId, replaces, historyHeader ?? history), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
