using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Tenants;

/// <summary>An organisation on the instance. A self-hosted instance starts with <see cref="TenantId.Default"/>.</summary>
public sealed class Tenant
{
    private Tenant() { }

    public TenantId Id { get; private set; }
    public string Name { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }

    public static Tenant Create(TenantId id, string name, DateTimeOffset now) => new() { Id = id, Name = name, CreatedAt = now };
}
