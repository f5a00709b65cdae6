using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Plans.UpdatePlan;

/// <summary>
/// Renames a plan or replaces the entitlements named (instance admins). Lowering a limit never removes data: tenants
/// over it keep reading, exporting and deleting; only growth is refused.
/// </summary>
public sealed record UpdatePlanCommand(BillingCaller Caller, string Id, string? Name, IReadOnlyDictionary<string, string>? Entitlements)
    : ICommand<Result<PlanView>>;

public sealed class UpdatePlanCommandHandler(IBillingDbContext db, ISender sender, TypeAdapterConfig mappings, TimeProvider clock)
    : ICommandHandler<UpdatePlanCommand, Result<PlanView>>
{
    public async ValueTask<Result<PlanView>> Handle(UpdatePlanCommand command, CancellationToken cancellationToken)
    {
        var allowed = command.Caller.MayChange();
        if (allowed.IsFailure) return allowed.Error;
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken);
        if (plan is null) return new PlanNotFound(command.Id);

        plan.Update(command.Name?.Trim() ?? plan.Name, EntitlementInput.Apply(plan.Entitlements, command.Entitlements), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await db.NotifyFlagsChangedAsync(cancellationToken);
        await sender.Send(new RecordSecurityEventCommand(command.Caller.UserId.Value, BillingSecurityEvents.PlanUpdated,
            new Dictionary<string, object> { ["plan"] = plan.Id, ["entitlements"] = (command.Entitlements?.Keys ?? []).ToArray() }), cancellationToken);
        return plan.Adapt<PlanView>(mappings);
    }
}
