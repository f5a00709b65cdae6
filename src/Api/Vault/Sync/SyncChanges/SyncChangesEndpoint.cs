using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Sync.SyncChanges;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Sync.SyncChanges;

internal static class SyncChangesEndpoint
{
    internal static RouteHandlerBuilder MapSyncChanges(this RouteGroupBuilder group) =>
        group.MapGet("", HandleAsync)
            .WithName("Vault.SyncChanges")
            .WithSummary("Changes since ?cursor= (none: full sync), in pages; repeat with the returned cursor while hasMore. ?heads= names the history heads the client verified (409 vault.history_fork when one is not in the server's chain).")
            .ProducesErrors(typeof(SyncCursorExpired), typeof(SyncCursorAhead), typeof(InvalidSyncCursor), typeof(InvalidHistoryHeads), typeof(HistoryFork));

    private static async Task<Results<Ok<SyncChangesResult>, ProblemHttpResult>> HandleAsync(
        string? cursor, int? limit, string? heads, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new SyncChangesQuery(user.Id, cursor, limit, heads), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
