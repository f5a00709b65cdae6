using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Billing.Flags;
using PasswordManager.Domain.Billing.Plans;
using PasswordManager.Domain.Billing.Subscriptions;
using PasswordManager.Domain.Billing.Usage;
using PasswordManager.Domain.Billing.Webhooks;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing;

/// <summary>The Billing module's persistence port (schema <c>billing</c>).</summary>
public interface IBillingDbContext
{
    DbSet<Plan> Plans { get; }

    DbSet<Subscription> Subscriptions { get; }

    DbSet<EntitlementOverride> EntitlementOverrides { get; }

    DbSet<TenantUsage> Usage { get; }

    DbSet<FeatureFlag> Flags { get; }

    DbSet<ProcessedWebhookEvent> ProcessedWebhookEvents { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Locks the tenant's usage row (creating it at zero) inside another module's open <paramref name="transaction"/>
    /// and returns the counters as they are under the lock.
    /// </summary>
    Task<UsageCounters> LockUsageAsync(DbTransaction transaction, TenantId tenant, CancellationToken cancellationToken);

    /// <summary>Adds to the counters of a row locked by <see cref="LockUsageAsync"/> (never below zero).</summary>
    Task AddUsageAsync(DbTransaction transaction, TenantId tenant, UsageCounters delta, CancellationToken cancellationToken);

    /// <summary>
    /// Stores recounted counters on a row locked by <see cref="LockUsageAsync"/>, with what the recount corrected
    /// (null when nothing).
    /// </summary>
    Task SetReconciledUsageAsync(
        DbTransaction transaction, TenantId tenant, UsageCounters counted, string? drift, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A transaction of this context's own, for other modules' contexts to join.</summary>
    Task<IBillingTransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>Tells every server process that flags changed (PostgreSQL <c>NOTIFY</c> when the change commits).</summary>
    Task NotifyFlagsChangedAsync(CancellationToken cancellationToken);
}

public sealed record UsageCounters(long Vaults, long Entries, long AttachmentBytes)
{
    public static UsageCounters Zero { get; } = new(0, 0, 0);

    public long CountOf(string key) => key switch
    {
        Domain.Billing.Plans.EntitlementKey.Vaults => Vaults,
        Domain.Billing.Plans.EntitlementKey.Entries => Entries,
        Domain.Billing.Plans.EntitlementKey.AttachmentBytes => AttachmentBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a counted entitlement."),
    };

    public UsageCounters Minus(UsageCounters other) => new(Vaults - other.Vaults, Entries - other.Entries, AttachmentBytes - other.AttachmentBytes);

    public bool IsZero => Vaults == 0 && Entries == 0 && AttachmentBytes == 0;
}

/// <summary>An open Billing transaction; disposing it without <see cref="CommitAsync"/> rolls back.</summary>
public interface IBillingTransaction : IAsyncDisposable
{
    DbTransaction Shared { get; }

    Task CommitAsync(CancellationToken cancellationToken);
}
