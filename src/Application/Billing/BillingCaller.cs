using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing;

/// <summary>Who asks an admin endpoint: instance admins see every tenant, tenant admins and owners read only their own.</summary>
public sealed record BillingCaller(UserId UserId, TenantId TenantId, bool IsTenantAdmin, bool IsInstanceAdmin)
{
    /// <summary>Another tenant answers "not found", so tenant ids cannot be probed.</summary>
    public Result MayRead(Guid tenantId)
    {
        if (IsInstanceAdmin) return Result.Success();
        if (tenantId != TenantId.Value) return new BillingTenantNotFound(tenantId);
        return IsTenantAdmin ? Result.Success() : new TenantAdminRequired();
    }

    public Result MayChange() => IsInstanceAdmin ? Result.Success() : new InstanceAdminRequired();
}

/// <summary>The security event types of Billing's admin actions (metadata only).</summary>
public static class BillingSecurityEvents
{
    public const string PlanCreated = "billing_plan_created";
    public const string PlanUpdated = "billing_plan_updated";
    public const string SubscriptionChanged = "billing_subscription_changed";
    public const string EntitlementOverridden = "billing_entitlement_overridden";
    public const string EntitlementOverrideRemoved = "billing_entitlement_override_removed";
    public const string FlagChanged = "billing_flag_changed";
    public const string FlagDeleted = "billing_flag_deleted";
    public const string UsageReconciled = "billing_usage_reconciled";
}
