using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.RekeySessions.AbortRekeySession;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Api.Vault.RekeySessions.AbortRekeySession;

internal static class AbortRekeySessionEndpoint
{
    internal static RouteHandlerBuilder MapAbortRekeySession(this RouteGroupBuilder group) =>
        group.MapDelete(RekeySessionRoutes.Session, HandleAsync)
            .WithName("Vault.AbortRekeySession")
            .WithSummary("Drops the session and everything staged in it.")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden), typeof(RekeySessionNotFound));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid sessionId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new AbortRekeySessionCommand(user.Id, vaultId, sessionId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
