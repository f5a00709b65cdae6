using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.History.GetHistory;
using PasswordManager.Application.Vault.History.WriteCheckpoint;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.History.WriteCheckpoint;

/// <summary><see cref="Record"/>: a checkpoint record (base64, docs/crypto-format.md §21.3) naming the vault's whole current state.</summary>
internal sealed record WriteCheckpointRequest(string Record);

internal static class WriteCheckpointEndpoint
{
    internal static RouteHandlerBuilder MapWriteCheckpoint(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/history", HandleAsync)
            .WithName("Vault.WriteCheckpoint")
            .WithSummary("An admin appends a checkpoint record naming the vault's whole state (a vault's first record, or a later one).")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(HistoryHeadMoved), typeof(InvalidHistoryRecord));

    private static async Task<Results<Created<HistoryItem>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, WriteCheckpointRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new WriteCheckpointCommand(user.Id, vaultId, request.Record), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/vaults/{vaultId}/history?after={result.Value.Seq - 1}", result.Value);
    }
}
