using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Billing.Subscriptions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Subscriptions.SetSubscription;

/// <summary>Puts a tenant on a plan (instance admins). Data over the new plan's limits stays; only growth is refused.</summary>
public sealed record SetSubscriptionCommand(
    BillingCaller Caller, Guid TenantId, string PlanId, string Status, DateTimeOffset? PeriodEnd, int? Seats) : ICommand<Result<SubscriptionView>>;

public sealed class SetSubscriptionCommandHandler(IBillingDbContext db, ISender sender, TypeAdapterConfig mappings, TimeProvider clock)
    : ICommandHandler<SetSubscriptionCommand, Result<SubscriptionView>>
{
    public async ValueTask<Result<SubscriptionView>> Handle(SetSubscriptionCommand command, CancellationToken cancellationToken)
    {
        var allowed = command.Caller.MayChange();
        if (allowed.IsFailure) return allowed.Error;
        if (!await sender.Send(new TenantExistsQuery(command.TenantId), cancellationToken)) return new BillingTenantNotFound(command.TenantId);
        if (!await db.Plans.AnyAsync(p => p.Id == command.PlanId, cancellationToken)) return new PlanNotFound(command.PlanId);

        var (tenant, now, status) = (new TenantId(command.TenantId), clock.GetUtcNow(), BillingMappings.ParseStatus(command.Status)!.Value);
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.TenantId == tenant, cancellationToken);
        if (subscription is null)
        {
            subscription = Subscription.Start(tenant, command.PlanId, status, command.PeriodEnd, command.Seats, now, now);
            db.Subscriptions.Add(subscription);
        }
        else
        {
            // An admin's change is the newest by definition, even if a provider event carried a later clock.
            subscription.Change(command.PlanId, status, command.PeriodEnd, command.Seats, now > subscription.ChangedAt ? now : subscription.ChangedAt, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.NotifyFlagsChangedAsync(cancellationToken);
        await sender.Send(new RecordSecurityEventCommand(command.Caller.UserId.Value, BillingSecurityEvents.SubscriptionChanged,
            new Dictionary<string, object> { ["tenantId"] = command.TenantId, ["plan"] = command.PlanId, ["status"] = command.Status }), cancellationToken);
        return subscription.Adapt<SubscriptionView>(mappings);
    }
}
