using Mediator;
using PasswordManager.Application.Auth.ApiKeys.ListApiKeys;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Auth.ApiKeys.ListApiKeys;

internal static class ListApiKeysEndpoint
{
    internal static RouteHandlerBuilder MapListApiKeys(this RouteGroupBuilder group) =>
        group.MapGet("/api-keys", HandleAsync)
            .WithName("Auth.ListApiKeys")
            .WithSummary("Lists the caller's API keys that are not revoked, newest first (never their secrets).");

    private static async Task<ListApiKeysResult> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        await sender.Send(new ListApiKeysQuery(user.Id), ct);
}
