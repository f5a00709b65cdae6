using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Billing.Plans;
using PasswordManager.Domain.Billing.Subscriptions;

namespace PasswordManager.Application.Billing;

/// <summary>
/// The reads <see cref="TenantPlans"/> needs, on a connection pool of their own. Quota checks run inside other modules'
/// open transactions (a login under the tenant's quota lock, an entry write under its vault lock); had the plan come
/// from the same pool, a request would wait for a second connection while holding a first one and its row locks, and
/// once every connection of the pool was held that way nothing could move until the pool timeout (ADR-0030, the
/// login amendment). A plan lookup holds nothing while it waits, so the two pools cannot wait on each other.
/// </summary>
public interface IPlanLookupDbContext
{
    DbSet<Plan> Plans { get; }

    DbSet<Subscription> Subscriptions { get; }

    DbSet<EntitlementOverride> EntitlementOverrides { get; }
}
