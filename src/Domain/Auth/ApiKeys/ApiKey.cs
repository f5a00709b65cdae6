using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.ApiKeys;

/// <summary>
/// A machine credential of one user. <see cref="Id"/> is public (the <c>X-Api-Key</c> header); the secret is
/// shown once at creation and only its keyed hash is kept in <see cref="SecretHash"/>.
/// </summary>
public sealed class ApiKey
{
    public const string IdPrefix = "pmk_";
    public const string SecretPrefix = "pms_";
    public const int MaxNameLength = 100;

    private ApiKey() { }

    public string Id { get; private set; } = null!;
    public UserId UserId { get; private set; }
    public TenantId TenantId { get; private set; }
    public string Name { get; private set; } = null!;
    public string[] Scopes { get; private set; } = [];
    public byte[] SecretHash { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static ApiKey Create(
        string id, UserId user, TenantId tenant, string name, IEnumerable<string> scopes, byte[] secretHash,
        DateTimeOffset now, DateTimeOffset? expiresAt) => new()
    {
        Id = id,
        UserId = user,
        TenantId = tenant,
        Name = name.Trim(),
        Scopes = scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
        SecretHash = secretHash,
        CreatedAt = now,
        ExpiresAt = expiresAt,
    };

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
