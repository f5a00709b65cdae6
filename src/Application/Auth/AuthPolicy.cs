namespace PasswordManager.Application.Auth;

public enum RegistrationMode
{
    Open = 0,
    InviteOnly = 1,
    Closed = 2,
}

/// <summary>The Auth module's rules that an operator configures (section <c>Auth</c>).</summary>
public sealed class AuthPolicy
{
    public RegistrationMode Registration { get; set; } = RegistrationMode.Open;

    /// <summary>Lifetime of a JWT access token; also how long a revoked session is remembered in each process (ADR-0018).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of one refresh token; a session stays alive as long as it refreshes within this.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long after its use a refresh token may be presented again without counting as reuse.</summary>
    public TimeSpan RefreshReuseGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the ticket that login answers with MFA on may be exchanged for a session.</summary>
    public TimeSpan MfaTicketLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The issuer name authenticator apps show next to the account.</summary>
    public string MfaIssuer { get; set; } = "PasswordManager";

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Active (not revoked, not expired) API keys one user may hold.</summary>
    public int MaxApiKeysPerUser { get; set; } = 25;

    /// <summary>How long a deleted account's username and user id stay reserved (others may have pinned its bundle).</summary>
    public int DeletedUsernameReservationDays { get; set; } = 90;

    /// <summary>How long the code mailed to verify an address stays valid.</summary>
    public TimeSpan EmailVerificationLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a mailed sign-in link stays valid.</summary>
    public TimeSpan MagicLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an OpenID Connect sign-in may take from its start to the code coming back.</summary>
    public TimeSpan OidcSignInLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the ticket for a verified but not yet linked OpenID identity may register or link it.</summary>
    public TimeSpan OidcIdentityTicketLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The least time the anonymous mail-requesting endpoints (hint, magic link) take, so known and unknown accounts
    /// answer alike also in time.
    /// </summary>
    public TimeSpan MailRequestMinimumDuration { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Usernames (case-insensitive) that administer the whole instance.</summary>
    public IReadOnlyList<string> InstanceAdministrators { get; set; } = [];

    public bool IsInstanceAdministrator(string normalizedUsername) =>
        InstanceAdministrators.Any(a => string.Equals(a.Trim(), normalizedUsername, StringComparison.OrdinalIgnoreCase));
}
