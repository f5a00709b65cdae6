using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Billing.Subscriptions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Subscriptions.SetEntitlementOverride;

/// <summary>Replaces one entitlement of a tenant's plan for that tenant only (instance admins).</summary>
public sealed record SetEntitlementOverrideCommand(BillingCaller Caller, Guid TenantId, string Key, string Value)
    : ICommand<Result<IReadOnlyDictionary<string, string>>>;

public sealed class SetEntitlementOverrideCommandHandler(IBillingDbContext db, TenantPlans plans, ISender sender, TimeProvider clock)
    : ICommandHandler<SetEntitlementOverrideCommand, Result<IReadOnlyDictionary<string, string>>>
{
    public async ValueTask<Result<IReadOnlyDictionary<string, string>>> Handle(SetEntitlementOverrideCommand command, CancellationToken cancellationToken)
    {
        var allowed = command.Caller.MayChange();
        if (allowed.IsFailure) return allowed.Error;
        if (!await sender.Send(new TenantExistsQuery(command.TenantId), cancellationToken)) return new BillingTenantNotFound(command.TenantId);

        var (tenant, now) = (new TenantId(command.TenantId), clock.GetUtcNow());
        var existing = await db.EntitlementOverrides.SingleOrDefaultAsync(o => o.TenantId == tenant && o.Key == command.Key, cancellationToken);
        if (existing is null) db.EntitlementOverrides.Add(EntitlementOverride.Set(tenant, command.Key, command.Value, command.Caller.UserId, now));
        else existing.Replace(command.Value, command.Caller.UserId, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent set of the same key won; setting again replaces it.
            return await Handle(command, cancellationToken);
        }

        await db.NotifyFlagsChangedAsync(cancellationToken);
        await sender.Send(new RecordSecurityEventCommand(command.Caller.UserId.Value, BillingSecurityEvents.EntitlementOverridden,
            new Dictionary<string, object> { ["tenantId"] = command.TenantId, ["entitlement"] = command.Key, ["value"] = command.Value }), cancellationToken);
        return Result<IReadOnlyDictionary<string, string>>.Success((await plans.GetAsync(tenant, cancellationToken)).Effective.Describe());
    }
}
