using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Sharing.Invitations;

/// <summary>The access an invitation grants on confirmation; the same levels as a vault member's permission.</summary>
public enum InvitationPermission
{
    Read = 1,
    Write = 2,
    Admin = 3,
}

public enum InvitationStatus
{
    /// <summary>Waiting for the invitee to register (reported as "ready" once they have).</summary>
    Pending = 0,

    /// <summary>An admin granted the registered invitee access; the access record is the grant.</summary>
    Accepted = 1,
}

/// <summary>
/// An admin's intent to share a vault with someone who has no account (so no public key) yet. The server stores
/// only the invitee's identifier (username or email); once they register, an admin's client wraps the vault key
/// for their new public key and confirms, which is a plain grant.
/// </summary>
public sealed class VaultInvitation
{
    private VaultInvitation() { }

    public Guid Id { get; private set; }
    public Guid VaultId { get; private set; }
    public TenantId TenantId { get; private set; }

    /// <summary>Username or email, trimmed and lower case.</summary>
    public string Invitee { get; private set; } = null!;
    public InvitationPermission Permission { get; private set; }

    /// <summary>When the access granted on confirmation ends (null: no end), as for a direct grant.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }
    public UserId InvitedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public InvitationStatus Status { get; private set; }
    public UserId? AcceptedUserId { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }

    public static string Normalize(string invitee)
    {
        ArgumentNullException.ThrowIfNull(invitee);
        return invitee.Trim().ToLowerInvariant();
    }

    public static VaultInvitation Create(
        Guid vaultId, TenantId tenant, string invitee, InvitationPermission permission, DateTimeOffset? expiresAt, UserId invitedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        VaultId = vaultId,
        TenantId = tenant,
        Invitee = Normalize(invitee),
        Permission = permission,
        ExpiresAt = expiresAt,
        InvitedBy = invitedBy,
        CreatedAt = now,
        Status = InvitationStatus.Pending,
    };

    public void Accept(UserId member, DateTimeOffset now) => (Status, AcceptedUserId, AcceptedAt) = (InvitationStatus.Accepted, member, now);
}
