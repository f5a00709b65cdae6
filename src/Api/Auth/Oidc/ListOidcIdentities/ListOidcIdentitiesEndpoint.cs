using Mediator;
using PasswordManager.Application.Auth.Oidc.ListOidcIdentities;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Api.Auth.Oidc.ListOidcIdentities;

internal static class ListOidcIdentitiesEndpoint
{
    internal static RouteHandlerBuilder MapListOidcIdentities(this RouteGroupBuilder group) =>
        group.MapGet("/oidc/identities", HandleAsync)
            .WithName("Auth.ListOidcIdentities")
            .WithSummary("The OpenID identities linked to the caller's account (provider, issuer, subject, reported address, when linked and last used).");

    private static async Task<ListOidcIdentitiesResult> HandleAsync(ICurrentUser user, ISender sender, CancellationToken ct) =>
        await sender.Send(new ListOidcIdentitiesQuery(user.Id), ct);
}
