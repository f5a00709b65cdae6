using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Administration;

/// <summary>
/// A one-time sign-in link to the admin console, made by an administrator's signed-in device session and bound to it:
/// the console session it opens lasts only while that device session does. Only the token's hash is kept.
/// </summary>
public sealed class ConsoleLink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private ConsoleLink() { }

    public Guid Id { get; private set; }
    public byte[] TokenHash { get; private set; } = null!;
    public UserId UserId { get; private set; }
    public Guid SessionId { get; private set; }

    /// <summary>Whether the access token that made the link carried the instance-administrator claim.</summary>
    public bool InstanceAdministrator { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public static ConsoleLink Issue(UserId user, Guid sessionId, bool instanceAdministrator, byte[] tokenHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TokenHash = tokenHash,
        UserId = user,
        SessionId = sessionId,
        InstanceAdministrator = instanceAdministrator,
        CreatedAt = now,
        ExpiresAt = now + Lifetime,
    };

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void Use(DateTimeOffset now) => UsedAt = now;
}
