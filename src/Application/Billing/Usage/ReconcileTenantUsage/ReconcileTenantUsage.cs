using Mediator;
using PasswordManager.Application.Billing.Usage.ReconcileUsage;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Billing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Usage.ReconcileTenantUsage;

/// <summary>Recounts one tenant now (instance admins) and answers what was corrected.</summary>
public sealed record ReconcileTenantUsageCommand(BillingCaller Caller, Guid TenantId) : ICommand<Result<ReconcileUsageResult>>;

public sealed class ReconcileTenantUsageCommandHandler(ISender sender) : ICommandHandler<ReconcileTenantUsageCommand, Result<ReconcileUsageResult>>
{
    public async ValueTask<Result<ReconcileUsageResult>> Handle(ReconcileTenantUsageCommand command, CancellationToken cancellationToken)
    {
        var allowed = command.Caller.MayChange();
        if (allowed.IsFailure) return allowed.Error;
        if (!await sender.Send(new TenantExistsQuery(command.TenantId), cancellationToken)) return new BillingTenantNotFound(command.TenantId);
        var result = await sender.Send(new ReconcileUsageCommand(command.TenantId), cancellationToken);
        await sender.Send(new RecordSecurityEventCommand(command.Caller.UserId.Value, BillingSecurityEvents.UsageReconciled,
            new Dictionary<string, object> { ["tenantId"] = command.TenantId, ["corrected"] = result.Corrected.Count }), cancellationToken);
        return result;
    }
}
