using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Rekeying;
using PasswordManager.Application.Vault.RekeySessions.CommitRekeySession;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.RekeySessions.CommitRekeySession;

/// <summary><see cref="History"/>: the re-key's history record (base64, docs/crypto-format.md §21), required once the vault has one.</summary>
internal sealed record CommitRekeySessionRequest(IReadOnlyList<RekeyedMember>? Members, string? EncryptedMetadata, string? History = null);

internal static class CommitRekeySessionEndpoint
{
    internal static RouteHandlerBuilder MapCommitRekeySession(this RouteGroupBuilder group) =>
        group.MapPost(RekeySessionRoutes.Session + "/commit", HandleAsync)
            .WithName("Vault.CommitRekeySession")
            .WithSummary("Applies the staged re-key in one transaction (same result and checks as /rekey); on a mismatch nothing changes and the session stays open.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(StaleKeyEpoch), typeof(MemberNotFound), typeof(SoleAdmin), typeof(OwnerProtected), typeof(RekeyMismatch), typeof(RekeySessionNotFound),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord));

    private static async Task<Results<Ok<RekeyVaultResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid sessionId, CommitRekeySessionRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new CommitRekeySessionCommand(user.Id, vaultId, sessionId, request.Members ?? [], request.EncryptedMetadata, request.History), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
