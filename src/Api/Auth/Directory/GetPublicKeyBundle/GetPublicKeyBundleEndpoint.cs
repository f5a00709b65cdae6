using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.Directory.GetPublicKeyBundle;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;

namespace PasswordManager.Api.Auth.Directory.GetPublicKeyBundle;

internal static class GetPublicKeyBundleEndpoint
{
    internal static RouteHandlerBuilder MapGetPublicKeyBundle(this RouteGroupBuilder group) =>
        group.MapGet("/users/{username}/public-key", HandleAsync)
            .WithName("Auth.GetPublicKeyBundle")
            .WithSummary("A user's self-signed public key bundle (same tenant only); verify it and compare its fingerprint before sharing.")
            .ProducesErrors(typeof(UserNotFound));

    private static async Task<Results<Ok<PublicKeyBundleResult>, ProblemHttpResult>> HandleAsync(
        string username, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new GetPublicKeyBundleQuery(user.TenantId, username), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Ok(result.Value);
    }
}
