using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Oidc;

public sealed record OidcProviderUnknown()
    : NotFoundError("auth.oidc_provider_unknown", "This server has no OpenID Connect provider by that name or issuer. GET /api/v1/auth/oidc/providers lists them.");

/// <summary>
/// The state is unknown, used or expired, the verifier is not the starting device's, or the provider's answer failed a
/// check (code exchange, signature, issuer, audience, expiry, nonce). Which one is logged, not told.
/// </summary>
public sealed record OidcSignInInvalid()
    : UnauthorizedError("auth.oidc_invalid", "The OpenID Connect sign-in could not be verified. Start again from this device.");

/// <summary>The provider vouched for an identity no account is linked to; the ticket registers or links it.</summary>
public sealed record OidcIdentityNotLinked(string Ticket, DateTimeOffset ExpiresAt, string? Email)
    : UnauthorizedError("auth.oidc_identity_not_linked", "No account is linked to this identity. Register with it, or sign in with your master password and link it.")
{
    public override object? Details => new { identityTicket = Ticket, expiresAt = ExpiresAt, email = Email };
}

public sealed record OidcIdentityTicketInvalid()
    : UnauthorizedError("auth.oidc_identity_ticket_invalid", "The identity ticket is unknown, used or expired. Sign in with the provider again.");

public sealed record OidcIdentityAlreadyLinked()
    : ConflictError("auth.oidc_identity_already_linked", "This identity is already linked to an account.");

public sealed record OidcIdentityNotFound(Guid IdentityId)
    : NotFoundError("auth.oidc_identity_not_found", "The linked identity does not exist.");
