using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Members.RekeyVault;
using PasswordManager.Application.Vault.Rekeying;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.Members.RekeyVault;

internal sealed record RekeyVaultRequest(long FromKeyEpoch, IReadOnlyList<Guid>? Revoke, IReadOnlyList<RekeyedEntry> Entries, IReadOnlyList<RekeyedMember> Members, string? EncryptedMetadata,
    string? History = null);

internal static class RekeyVaultEndpoint
{
    internal static RouteHandlerBuilder MapRekeyVault(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/rekey", HandleAsync)
            .WithName("Vault.RekeyVault")
            .WithSummary("Revokes members and moves the vault to a new key epoch atomically: every live entry re-encrypted, the key wrapped for every remaining member.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(StaleKeyEpoch), typeof(MemberNotFound), typeof(SoleAdmin), typeof(OwnerProtected), typeof(RekeyMismatch),
                typeof(HistoryHeadMoved), typeof(HistoryRecordRequired), typeof(InvalidHistoryRecord));

    private static async Task<Results<Ok<RekeyVaultResult>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, RekeyVaultRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RekeyVaultCommand(
            user.Id, vaultId, request.FromKeyEpoch, request.Revoke ?? [], request.Entries ?? [], request.Members ?? [], request.EncryptedMetadata, request.History), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
