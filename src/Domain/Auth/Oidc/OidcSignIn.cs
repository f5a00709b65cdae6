using PasswordManager.Domain.Auth.Sessions;

namespace PasswordManager.Domain.Auth.Oidc;

/// <summary>
/// One OpenID Connect authorization in flight, started by a device. The state is kept hashed; the nonce and the PKCE
/// verifier sent to the identity provider stay on the server. The device proves it is the one that started the sign-in
/// with its own verifier (S256 challenge kept here), as for a magic link. When the provider vouches for an identity that
/// no account is linked to yet, a single-use identity ticket (kept hashed) lets the device register or link it.
/// </summary>
public sealed class OidcSignIn
{
    private OidcSignIn() { }

    public Guid Id { get; private set; }
    public byte[] StateHash { get; private set; } = null!;
    public string Provider { get; private set; } = null!;
    public string Nonce { get; private set; } = null!;
    public string CodeVerifier { get; private set; } = null!;

    /// <summary>The redirect URI sent to the provider (the device's loopback address, or the server's form_post relay).</summary>
    public string ProviderRedirectUri { get; private set; } = null!;

    /// <summary>The device's loopback address, where the code finally arrives.</summary>
    public string ClientRedirectUri { get; private set; } = null!;

    public byte[] DeviceChallenge { get; private set; } = null!;
    public Guid DeviceId { get; private set; }
    public string DeviceName { get; private set; } = null!;
    public DeviceType DeviceType { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public string? Issuer { get; private set; }
    public string? Subject { get; private set; }
    public string? Email { get; private set; }
    public byte[]? IdentityTicketHash { get; private set; }
    public DateTimeOffset? IdentityTicketExpiresAt { get; private set; }
    public DateTimeOffset? IdentityTicketUsedAt { get; private set; }

    public static OidcSignIn Start(
        byte[] stateHash, string provider, string nonce, string codeVerifier, string providerRedirectUri, string clientRedirectUri,
        byte[] deviceChallenge, Guid deviceId, string deviceName, DeviceType deviceType, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(now),
        StateHash = stateHash,
        Provider = provider,
        Nonce = nonce,
        CodeVerifier = codeVerifier,
        ProviderRedirectUri = providerRedirectUri,
        ClientRedirectUri = clientRedirectUri,
        DeviceChallenge = deviceChallenge,
        DeviceId = deviceId,
        DeviceName = deviceName,
        DeviceType = deviceType,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void Use(DateTimeOffset now) => UsedAt = now;

    public void IssueIdentityTicket(string issuer, string subject, string? email, byte[] ticketHash, DateTimeOffset now, TimeSpan lifetime)
    {
        (Issuer, Subject, Email) = (issuer, subject, email);
        IdentityTicketHash = ticketHash;
        IdentityTicketExpiresAt = now + lifetime;
    }

    public bool IsIdentityTicketUsable(DateTimeOffset now) =>
        IdentityTicketHash is not null && IdentityTicketUsedAt is null && now < IdentityTicketExpiresAt;

    public void UseIdentityTicket(DateTimeOffset now) => IdentityTicketUsedAt = now;
}
