using Mediator;
using PasswordManager.Application.Auth.Oidc.ListOidcProviders;

namespace PasswordManager.Api.Auth.Oidc.ListOidcProviders;

internal static class ListOidcProvidersEndpoint
{
    internal static RouteHandlerBuilder MapListOidcProviders(this RouteGroupBuilder group) =>
        group.MapGet("/oidc/providers", HandleAsync)
            .WithName("Auth.ListOidcProviders")
            .WithSummary("The OpenID Connect providers configured on this server (name, display name, issuer).");

    private static async Task<IReadOnlyList<OidcProviderSummary>> HandleAsync(ISender sender, CancellationToken ct) =>
        await sender.Send(new ListOidcProvidersQuery(), ct);
}
