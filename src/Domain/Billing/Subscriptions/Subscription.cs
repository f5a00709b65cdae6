using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Billing.Subscriptions;

public enum SubscriptionStatus
{
    Trialing = 0,
    Active = 1,
    PastDue = 2,
    Canceled = 3,
}

/// <summary>
/// A tenant's one subscription. A tenant without one is on the instance's default plan. <see cref="ChangedAt"/> is
/// when the change happened at its source (the admin's clock, or the provider's event time), so an older change that
/// arrives late never overrides a newer one.
/// </summary>
public sealed class Subscription
{
    private Subscription() { }

    public TenantId TenantId { get; private set; }
    public string PlanId { get; private set; } = null!;
    public SubscriptionStatus Status { get; private set; }
    public DateTimeOffset? PeriodEnd { get; private set; }
    public int? Seats { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Subscription Start(
        TenantId tenant, string planId, SubscriptionStatus status, DateTimeOffset? periodEnd, int? seats, DateTimeOffset changedAt, DateTimeOffset now) =>
        new() { TenantId = tenant, PlanId = planId, Status = status, PeriodEnd = periodEnd, Seats = seats, ChangedAt = changedAt, UpdatedAt = now };

    /// <summary>False (and nothing changed) when the subscription already reflects a change newer than <paramref name="changedAt"/>.</summary>
    public bool Change(string planId, SubscriptionStatus status, DateTimeOffset? periodEnd, int? seats, DateTimeOffset changedAt, DateTimeOffset now)
    {
        if (changedAt < ChangedAt) return false;
        (PlanId, Status, PeriodEnd, Seats, ChangedAt, UpdatedAt) = (planId, status, periodEnd, seats, changedAt, now);
        return true;
    }
}
