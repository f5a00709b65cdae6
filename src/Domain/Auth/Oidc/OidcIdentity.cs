using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Oidc;

/// <summary>
/// An identity at an OpenID provider (issuer + subject, the only stable pair) linked to one account. It authenticates a
/// device for that account and nothing more: it never opens the vault, which still needs the master password.
/// </summary>
public sealed class OidcIdentity
{
    private OidcIdentity() { }

    public Guid Id { get; private set; }
    public UserId UserId { get; private set; }
    public string Provider { get; private set; } = null!;
    public string Issuer { get; private set; } = null!;
    public string Subject { get; private set; } = null!;

    /// <summary>The address the provider reported when the identity was linked; shown to the owner, never used to match.</summary>
    public string? Email { get; private set; }
    public DateTimeOffset LinkedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    public static OidcIdentity Link(UserId user, string provider, string issuer, string subject, string? email, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = user,
        Provider = provider,
        Issuer = issuer,
        Subject = subject,
        Email = email,
        LinkedAt = now,
    };

    public void Used(DateTimeOffset now) => LastUsedAt = now;
}
