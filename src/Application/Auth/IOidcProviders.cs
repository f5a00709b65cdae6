using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Auth;

/// <summary>The OpenID Connect providers an operator configured (<c>Auth:Oidc:Providers</c>), and the protocol with them.</summary>
public interface IOidcProviders
{
    IReadOnlyList<OidcProvider> All { get; }

    /// <summary>The provider by its configured name or its issuer URL (case-insensitive name, exact issuer).</summary>
    OidcProvider? Find(string nameOrIssuer);

    /// <summary>The provider's authorization endpoint with every parameter of an authorization code + PKCE (S256) request.</summary>
    Task<Uri> AuthorizationUrlAsync(OidcProvider provider, OidcAuthorizationRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Exchanges the code at the token endpoint and validates the ID token: signature against the issuer's JWKS, issuer,
    /// audience (the client id), expiry and the nonce. Any failure is <c>OidcSignInInvalid</c>; the reason is logged.
    /// </summary>
    Task<Result<VerifiedOidcIdentity>> RedeemAsync(OidcProvider provider, OidcCodeRedemption redemption, CancellationToken cancellationToken);
}

/// <summary>A configured provider; with <c>FormPost</c> it answers by <c>response_mode=form_post</c> (Apple), relayed by the server to the device.</summary>
public sealed record OidcProvider(string Name, string DisplayName, string Issuer, bool FormPost);

public sealed record OidcAuthorizationRequest(string RedirectUri, string State, string Nonce, string CodeChallenge);

public sealed record OidcCodeRedemption(string Code, string RedirectUri, string CodeVerifier, string Nonce);

/// <summary>The issuer and subject the provider vouched for in a validated ID token, with the address it reported.</summary>
public sealed record VerifiedOidcIdentity(string Issuer, string Subject, string? Email);
