using Mapster;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Billing.Plans;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Plans.CreatePlan;

/// <summary>Creates a plan (instance admins). Entitlements not named are not included (limit 0, feature off).</summary>
public sealed record CreatePlanCommand(BillingCaller Caller, string Id, string Name, IReadOnlyDictionary<string, string>? Entitlements)
    : ICommand<Result<PlanView>>;

public sealed class CreatePlanCommandHandler(IBillingDbContext db, ISender sender, TypeAdapterConfig mappings, TimeProvider clock)
    : ICommandHandler<CreatePlanCommand, Result<PlanView>>
{
    public async ValueTask<Result<PlanView>> Handle(CreatePlanCommand command, CancellationToken cancellationToken)
    {
        var allowed = command.Caller.MayChange();
        if (allowed.IsFailure) return allowed.Error;
        if (await db.Plans.AnyAsync(p => p.Id == command.Id, cancellationToken)) return new PlanAlreadyExists(command.Id);

        var plan = Plan.Create(command.Id, command.Name.Trim(), EntitlementInput.Apply(EntitlementInput.Nothing, command.Entitlements), clock.GetUtcNow());
        db.Plans.Add(plan);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new PlanAlreadyExists(command.Id);
        }

        await db.NotifyFlagsChangedAsync(cancellationToken);
        await sender.Send(new RecordSecurityEventCommand(command.Caller.UserId.Value, BillingSecurityEvents.PlanCreated,
            new Dictionary<string, object> { ["plan"] = plan.Id }), cancellationToken);
        return plan.Adapt<PlanView>(mappings);
    }
}
