using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Tenants;

/// <summary>
/// A single-use code that lets one person register into a tenant while registration is invite-only.
/// Only a hash of the code is stored.
/// </summary>
public sealed class Invitation
{
    private Invitation() { }

    public Guid Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public byte[] CodeHash { get; private set; } = null!;
    public TenantRole Role { get; private set; }

    /// <summary>Whom the invitation is meant for (shown to admins); registration does not check it, the code is the credential.</summary>
    public string? Email { get; private set; }
    public UserId CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public UserId? UsedBy { get; private set; }

    public static Invitation Create(
        TenantId tenant, byte[] codeHash, TenantRole role, UserId createdBy, DateTimeOffset now, TimeSpan lifetime, string? email = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenant,
        CodeHash = codeHash,
        Role = role,
        Email = email?.Trim().ToLowerInvariant(),
        CreatedBy = createdBy,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    /// <summary>A new code for an unused invitation (the old one stops working) and a fresh lifetime.</summary>
    public void Reissue(byte[] codeHash, DateTimeOffset now, TimeSpan lifetime) => (CodeHash, ExpiresAt) = (codeHash, now + lifetime);

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void Redeem(UserId user, DateTimeOffset now) => (UsedAt, UsedBy) = (now, user);
}
