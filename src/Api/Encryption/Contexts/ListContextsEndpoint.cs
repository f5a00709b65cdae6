using Mediator;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Encryption.Contexts.ListContexts;

namespace PasswordManager.Api.Encryption.Contexts;

internal static class ListContextsEndpoint
{
    internal static RouteHandlerBuilder MapListContexts(this RouteGroupBuilder group) =>
        group.MapGet("", HandleAsync)
            .WithName("Encryption.ListContexts")
            .WithSummary("Lists the tenant's encryption contexts, in encryptionId order (cursor: ?after=nextCursor).");

    private static async Task<ListContextsResult> HandleAsync(
        ICurrentUser user, ISender sender, CancellationToken ct, string? after = null, int limit = 50) =>
        await sender.Send(new ListContextsQuery(user.TenantId, after, limit), ct);
}
