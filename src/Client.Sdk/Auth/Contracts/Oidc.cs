namespace PasswordManager.Client.Sdk.Auth.Contracts;

public sealed record OidcProviderInfo(string Name, string DisplayName, string Issuer);

public sealed record StartOidcRequest(string Provider, string RedirectUri, string VerifierChallenge, DeviceInfo Device);

public sealed record StartOidcResponse(Uri AuthorizationUrl, string State, DateTimeOffset ExpiresAt);

public sealed record CompleteOidcRequest(string State, string Code, string Verifier);

public sealed record LinkOidcIdentityRequest(string IdentityTicket, byte[] AuthHash, string? Code, string? RecoveryCode);

public sealed record OidcIdentity(Guid Id, string Provider, string Issuer, string Subject, string? Email, DateTimeOffset LinkedAt, DateTimeOffset? LastUsedAt);

public sealed record OidcIdentityList(IReadOnlyList<OidcIdentity> Items);
