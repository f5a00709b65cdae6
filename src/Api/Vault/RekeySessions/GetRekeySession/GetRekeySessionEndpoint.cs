using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.RekeySessions;
using PasswordManager.Application.Vault.RekeySessions.GetRekeySession;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.RekeySessions.GetRekeySession;

internal static class GetRekeySessionEndpoint
{
    internal static RouteHandlerBuilder MapGetRekeySession(this RouteGroupBuilder group) =>
        group.MapGet(RekeySessionRoutes.Session, HandleAsync)
            .WithName("Vault.GetRekeySession")
            .WithSummary("A session's state: what is staged so far, to resume after an interruption.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(RekeySessionNotFound));

    private static async Task<Results<Ok<RekeySessionState>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid sessionId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetRekeySessionQuery(user.Id, vaultId, sessionId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
