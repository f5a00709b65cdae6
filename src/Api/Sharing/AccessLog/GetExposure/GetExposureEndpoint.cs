using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Application.Sharing.AccessLog.GetExposure;
using PasswordManager.Domain.Sharing;

namespace PasswordManager.Api.Sharing.AccessLog.GetExposure;

internal static class GetExposureEndpoint
{
    internal static RouteHandlerBuilder MapGetExposure(this RouteGroupBuilder group) =>
        group.MapGet("/{vaultId:guid}/members/{userId:guid}/exposure", HandleAsync)
            .WithName("Vault.GetExposure")
            .WithSummary("An admin lists the entries a (current or former) member fetched, with versions and times (metadata only).")
            .ProducesErrors(typeof(VaultNotFound), typeof(AdminForbidden));

    private static async Task<Results<Ok<MemberExposure>, ProblemHttpResult>> HandleAsync(
        Guid vaultId, Guid userId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetExposureQuery(user.Id, vaultId, userId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
