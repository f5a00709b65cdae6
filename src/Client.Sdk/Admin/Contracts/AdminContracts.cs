using PasswordManager.Client.Sdk.Auth.Contracts;

namespace PasswordManager.Client.Sdk.Admin.Contracts;

/// <summary>What an administrator sees of an account: metadata only.</summary>
public sealed record AdminUser(
    Guid UserId,
    Guid TenantId,
    string Username,
    string? Email,
    TenantRole Role,
    DateTimeOffset CreatedAt,
    bool Disabled,
    DateTimeOffset? DisabledAt,
    bool MfaEnabled,
    int ActiveSessions,
    DateTimeOffset? LastSignInAt);

public sealed record AdminUserPage(IReadOnlyList<AdminUser> Items, string? NextCursor);

public sealed record AdminSession(Guid SessionId, string DeviceName, DeviceType DeviceType, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt);

public sealed record AdminSessionList(Guid UserId, IReadOnlyList<AdminSession> Items);

public sealed record RevokedUserSessions(Guid UserId, int RevokedSessions);

public sealed record DeletedUser(int DeletedVaults, int LeftVaults, DateTimeOffset UsernameReservedUntil);

public sealed record ChangeRoleRequest(TenantRole Role);

public sealed record AdminInvitation(Guid InvitationId, Guid TenantId, TenantRole Role, string? Email, Guid CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

public sealed record AdminInvitationList(IReadOnlyList<AdminInvitation> Items);

/// <summary>The new code is shown once; the old one no longer works.</summary>
public sealed record ResentInvitation(AdminInvitation Invitation, string Code);

public sealed record AdminTenant(Guid TenantId, string Name, DateTimeOffset CreatedAt, bool Suspended, DateTimeOffset? SuspendedAt, int Users);

public sealed record AdminTenantPage(IReadOnlyList<AdminTenant> Items, string? NextCursor);

public sealed record CreateTenantRequest(string Name, string OwnerEmail);

public sealed record RenameTenantRequest(string Name);

/// <summary>Whoever registers with <see cref="Code"/> (<c>pm register --invitation CODE</c>) becomes the tenant's owner; shown once.</summary>
public sealed record OwnerInvitation(Guid InvitationId, string Code, string Email, TenantRole Role, DateTimeOffset ExpiresAt);

public sealed record CreatedTenant(AdminTenant Tenant, OwnerInvitation OwnerInvitation);

public sealed record DeletedTenant(Guid TenantId, int DeletedUsers);

/// <summary><see cref="Path"/> carries the one-time token; open the server address plus the path in a browser before <see cref="ExpiresAt"/>.</summary>
public sealed record ConsoleLink(string Path, DateTimeOffset ExpiresAt);
