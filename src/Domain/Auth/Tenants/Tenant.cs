using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Tenants;

/// <summary>An organisation on the instance. A self-hosted instance starts with <see cref="TenantId.Default"/>.</summary>
public sealed class Tenant
{
    private Tenant() { }

    public TenantId Id { get; private set; }
    public string Name { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set by an instance administrator: nobody of the tenant can log in, refresh or use an API key.</summary>
    public DateTimeOffset? SuspendedAt { get; private set; }

    public bool IsSuspended => SuspendedAt is not null;

    public const int MaxNameLength = 200;

    public static Tenant Create(TenantId id, string name, DateTimeOffset now) => new() { Id = id, Name = name.Trim(), CreatedAt = now };

    public void Rename(string name) => Name = name.Trim();

    public void Suspend(DateTimeOffset now) => SuspendedAt ??= now;

    public void Unsuspend() => SuspendedAt = null;
}
