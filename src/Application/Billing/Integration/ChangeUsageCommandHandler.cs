using Mediator;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Billing.Plans;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Integration;

public sealed class ChangeUsageCommandHandler(IBillingDbContext db, TenantPlans plans) : ICommandHandler<ChangeUsageCommand, Result>
{
    public async ValueTask<Result> Handle(ChangeUsageCommand command, CancellationToken cancellationToken)
    {
        if (command.Delta.IsEmpty) return Result.Success();
        var tenant = new TenantId(command.TenantId);
        var delta = new UsageCounters(command.Delta.Vaults, command.Delta.Entries, command.Delta.AttachmentBytes);
        // Only growth is refused (a downgraded tenant over its limit can still delete), so only growth needs the plan.
        var entitlements = delta.Vaults > 0 || delta.Entries > 0 || delta.AttachmentBytes > 0
            ? (await plans.GetAsync(tenant, cancellationToken)).Effective
            : Entitlements.Unlimited;
        var usage = await db.LockUsageAsync(command.Transaction, tenant, cancellationToken);
        foreach (var key in (string[])[EntitlementKey.Vaults, EntitlementKey.Entries, EntitlementKey.AttachmentBytes])
        {
            var adding = delta.CountOf(key);
            if (adding <= 0 || entitlements.LimitOf(key) is not { } limit) continue;
            var current = usage.CountOf(key);
            if (current + adding > limit) return new QuotaExceeded(key, limit, current);
        }

        await db.AddUsageAsync(command.Transaction, tenant, delta, cancellationToken);
        return Result.Success();
    }
}
