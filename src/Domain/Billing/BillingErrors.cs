using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Billing;

public sealed record PlanNotFound(string PlanId)
    : NotFoundError("billing.plan_not_found", "The plan does not exist.");

public sealed record PlanAlreadyExists(string PlanId)
    : ConflictError("billing.plan_exists", "A plan with this id exists already.");

/// <summary>Also the answer for a tenant the caller may not see, so tenant ids cannot be probed.</summary>
public sealed record BillingTenantNotFound(Guid TenantId)
    : NotFoundError("billing.tenant_not_found", "The tenant does not exist.");

public sealed record InstanceAdminRequired()
    : ForbiddenError("billing.instance_admin_required", "Only instance administrators may change plans, subscriptions, overrides and flags.");

public sealed record FlagNotFound(string Name)
    : NotFoundError("billing.flag_not_found", "The feature flag does not exist.");

public sealed record WebhookRejected(string Reason)
    : UnauthorizedError("billing.webhook_rejected", "The webhook signature or timestamp is not valid.")
{
    public override object? Details => new { reason = Reason };
}

public sealed record WebhookUnknownPlan(string PlanId)
    : ValidationError("billing.webhook_unknown_plan", "The event names a plan this instance does not have; it was not applied.");

public sealed record WebhookEventInvalid(string Reason)
    : ValidationError("billing.webhook_event_invalid", "The event is not a subscription event this instance understands.")
{
    public override object? Details => new { reason = Reason };
}

public sealed record TenantAdminRequired()
    : ForbiddenError("billing.admin_required", "Only tenant admins and owners may read their tenant's plan and usage.");
