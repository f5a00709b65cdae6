using Mediator;

namespace PasswordManager.Application.Auth.Oidc.ListOidcProviders;

/// <summary>The OpenID Connect providers a device may sign in with (names and issuers only).</summary>
public sealed record ListOidcProvidersQuery : IQuery<IReadOnlyList<OidcProviderSummary>>;

public sealed record OidcProviderSummary(string Name, string DisplayName, string Issuer);

public sealed class ListOidcProvidersQueryHandler(IOidcProviders providers) : IQueryHandler<ListOidcProvidersQuery, IReadOnlyList<OidcProviderSummary>>
{
    public ValueTask<IReadOnlyList<OidcProviderSummary>> Handle(ListOidcProvidersQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<OidcProviderSummary>>([.. providers.All.Select(p => new OidcProviderSummary(p.Name, p.DisplayName, p.Issuer))]);
}
