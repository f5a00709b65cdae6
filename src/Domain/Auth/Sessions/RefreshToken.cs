namespace PasswordManager.Domain.Auth.Sessions;

/// <summary>
/// One refresh token of a device session. Only its SHA-256 hash is stored. A used token is kept until it
/// expires, so that presenting it again can be recognised as reuse.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken() { }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public byte[] TokenHash { get; private set; } = null!;
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    internal static RefreshToken Issue(Guid sessionId, byte[] tokenHash, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(now),
        SessionId = sessionId,
        TokenHash = tokenHash,
        IssuedAt = now,
        ExpiresAt = now + lifetime,
    };

    internal void MarkUsed(DateTimeOffset now) => UsedAt ??= now;
}
