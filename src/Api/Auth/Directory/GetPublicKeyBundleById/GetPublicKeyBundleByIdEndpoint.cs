using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Directory.GetPublicKeyBundle;
using PasswordManager.Application.Auth.Directory.GetPublicKeyBundleById;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;

namespace PasswordManager.Api.Auth.Directory.GetPublicKeyBundleById;

internal static class GetPublicKeyBundleByIdEndpoint
{
    internal static RouteHandlerBuilder MapGetPublicKeyBundleById(this RouteGroupBuilder group) =>
        group.MapGet("/user-ids/{userId:guid}/public-key", HandleAsync)
            .WithName("Auth.GetPublicKeyBundleById")
            .WithSummary("A user's self-signed public key bundle by user id (same tenant only), to verify access records they signed.")
            .ProducesErrors(typeof(UserNotFound));

    private static async Task<Results<Ok<PublicKeyBundleResult>, ProblemHttpResult>> HandleAsync(
        Guid userId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetPublicKeyBundleByIdQuery(user.TenantId, userId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
