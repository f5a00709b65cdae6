using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Subscriptions.RemoveEntitlementOverride;

/// <summary>The tenant gets its plan's value for the entitlement again (instance admins); removing an absent override is a no-op.</summary>
public sealed record RemoveEntitlementOverrideCommand(BillingCaller Caller, Guid TenantId, string Key) : ICommand<Result<IReadOnlyDictionary<string, string>>>;

public sealed class RemoveEntitlementOverrideCommandHandler(IBillingDbContext db, TenantPlans plans, ISender sender)
    : ICommandHandler<RemoveEntitlementOverrideCommand, Result<IReadOnlyDictionary<string, string>>>
{
    public async ValueTask<Result<IReadOnlyDictionary<string, string>>> Handle(RemoveEntitlementOverrideCommand command, CancellationToken cancellationToken)
    {
        var allowed = command.Caller.MayChange();
        if (allowed.IsFailure) return allowed.Error;
        if (!await sender.Send(new TenantExistsQuery(command.TenantId), cancellationToken)) return new BillingTenantNotFound(command.TenantId);

        var tenant = new TenantId(command.TenantId);
        var removed = await db.EntitlementOverrides.Where(o => o.TenantId == tenant && o.Key == command.Key).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            await db.NotifyFlagsChangedAsync(cancellationToken);
            await sender.Send(new RecordSecurityEventCommand(command.Caller.UserId.Value, BillingSecurityEvents.EntitlementOverrideRemoved,
                new Dictionary<string, object> { ["tenantId"] = command.TenantId, ["entitlement"] = command.Key }), cancellationToken);
        }

        return Result<IReadOnlyDictionary<string, string>>.Success((await plans.GetAsync(tenant, cancellationToken)).Effective.Describe());
    }
}
