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
            .WithSummary("Changes since ?cursor= (none: full sync), in pages; repeat with the returned cursor while hasMore.")
            .ProducesErrors(typeof(SyncCursorExpired), typeof(SyncCursorAhead), typeof(InvalidSyncCursor));

    private static async Task<Results<Ok<SyncChangesResult>, ProblemHttpResult>> HandleAsync(
        string? cursor, int? limit, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new SyncChangesQuery(user.Id, cursor, limit), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
