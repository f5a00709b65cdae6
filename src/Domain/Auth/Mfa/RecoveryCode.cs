using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Mfa;

/// <summary>One single-use recovery code, stored only as a slow hash.</summary>
public sealed class RecoveryCode
{
    public const int SetSize = 10;

    private RecoveryCode() { }

    public Guid Id { get; private set; }
    public UserId UserId { get; private set; }
    public string CodeHash { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public static RecoveryCode Issue(UserId user, string codeHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = user,
        CodeHash = codeHash,
        CreatedAt = now,
    };
}
