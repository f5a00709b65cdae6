using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Api.Common.ErrorHandling;
using PasswordManager.Application.Auth.ApiKeys.CreateApiKey;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth;
using PasswordManager.Application.Contracts.Billing;

namespace PasswordManager.Api.Auth.ApiKeys.CreateApiKey;

internal sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);

internal static class CreateApiKeyEndpoint
{
    internal static RouteHandlerBuilder MapCreateApiKey(this RouteGroupBuilder group) =>
        group.MapPost("/api-keys", HandleAsync)
            .WithName("Auth.CreateApiKey")
            .WithSummary("Creates an API key for automation; the secret is in this answer only. Needs a user session.")
            .ProducesErrors(typeof(QuotaExceeded), typeof(ApiKeyScopeNotAllowed), typeof(ApiKeyLimitReached));

    private static async Task<Results<Created<CreateApiKeyResult>, ProblemHttpResult>> HandleAsync(
        CreateApiKeyRequest request, ICurrentUser user, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(
            new CreateApiKeyCommand(user.Id, user.TenantId, user.Role, request.Name ?? "", request.Scopes ?? [], request.ExpiresAt), ct);
        if (result.IsFailure) return result.Error.ToProblem();
        return TypedResults.Created($"/api/v1/auth/api-keys/{result.Value.Id}", result.Value);
    }
}
