using Mapster;
using PasswordManager.Application.Auth.Administration.Users;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth.Administration;

/// <summary>What an administrator may see of an account: metadata only, never key material, verifiers, salts or the hint.</summary>
public sealed record AdminUserView
{
    public Guid UserId { get; init; }
    public Guid TenantId { get; init; }
    public string Username { get; init; } = "";
    public string? Email { get; init; }
    public TenantRole Role { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public bool Disabled { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }
    public bool MfaEnabled { get; init; }
    public int ActiveSessions { get; init; }

    /// <summary>The start of the newest session still on record (revoked ones included); null when none is.</summary>
    public DateTimeOffset? LastSignInAt { get; init; }

    /// <summary>The view of one (loaded) account, with its session and MFA facts.</summary>
    public static async Task<AdminUserView> OfAsync(IAuthDbContext db, User user, CancellationToken cancellationToken) =>
        (await AdminUserStatistics.AddAsync(db, [user.Adapt<AdminUserView>(AdministrationMapping.Config)], cancellationToken))[0];
}

public sealed record AdminTenantView
{
    public Guid TenantId { get; init; }
    public string Name { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public bool Suspended { get; init; }
    public DateTimeOffset? SuspendedAt { get; init; }
    public int Users { get; init; }
}

/// <summary>An open invitation; its code is never shown again (only a hash is stored), a resend issues a new one.</summary>
public sealed record AdminInvitationView
{
    public Guid InvitationId { get; init; }
    public Guid TenantId { get; init; }
    public TenantRole Role { get; init; }
    public string? Email { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}
