using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.ApiKeys.RevokeApiKey;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;

namespace PasswordManager.Api.Auth.ApiKeys.RevokeApiKey;

internal static class RevokeApiKeyEndpoint
{
    internal static RouteHandlerBuilder MapRevokeApiKey(this RouteGroupBuilder group) =>
        group.MapDelete("/api-keys/{apiKeyId}", HandleAsync)
            .WithName("Auth.RevokeApiKey")
            .WithSummary("Revokes one of the caller's API keys at once (another user's key answers 404).")
            .ProducesErrors(typeof(ApiKeyNotFound));

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        string apiKeyId, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new RevokeApiKeyCommand(user.Id, apiKeyId), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.NoContent();
    }
}
