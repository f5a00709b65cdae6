using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.RekeySessions;
using PasswordManager.Application.Vault.RekeySessions.OpenRekeySession;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.RekeySessions.OpenRekeySession;

internal sealed record OpenRekeySessionRequest(long FromKeyEpoch, IReadOnlyList<Guid>? Revoke);

internal static class OpenRekeySessionEndpoint
{
    internal static RouteHandlerBuilder MapOpenRekeySession(this RouteGroupBuilder group) =>
        group.MapPost("/{vaultId:guid}/rekey-sessions", HandleAsync)
            .WithName("Vault.OpenRekeySession")
            .WithSummary("An admin starts a staged re-key (large vaults, attachments): one open session per vault.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(StaleKeyEpoch), typeof(MemberNotFound), typeof(SoleAdmin), typeof(OwnerProtected), typeof(RekeySessionOpen));

    private static async Task<Results<Created<RekeySessionState>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, OpenRekeySessionRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new OpenRekeySessionCommand(user.Id, vaultId, request.FromKeyEpoch, request.Revoke ?? []), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/vaults/{vaultId}/rekey-sessions/{result.Value.SessionId}", result.Value);
    }
}
