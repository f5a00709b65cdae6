using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Billing.Subscriptions;

/// <summary>An admin's replacement for one entitlement of a tenant's plan (value as in <c>Entitlements.Describe</c>).</summary>
public sealed class EntitlementOverride
{
    private EntitlementOverride() { }

    public TenantId TenantId { get; private set; }
    public string Key { get; private set; } = null!;
    public string Value { get; private set; } = null!;
    public UserId UpdatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static EntitlementOverride Set(TenantId tenant, string key, string value, UserId by, DateTimeOffset now) =>
        new() { TenantId = tenant, Key = key, Value = value, UpdatedBy = by, UpdatedAt = now };

    public void Replace(string value, UserId by, DateTimeOffset now) => (Value, UpdatedBy, UpdatedAt) = (value, by, now);
}
