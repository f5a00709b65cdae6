using Mediator;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Integration;

public sealed class LockQuotaCommandHandler(IBillingDbContext db) : ICommandHandler<LockQuotaCommand>
{
    public async ValueTask<Unit> Handle(LockQuotaCommand command, CancellationToken cancellationToken)
    {
        await db.LockUsageAsync(command.Transaction, new TenantId(command.TenantId), cancellationToken);
        return Unit.Value;
    }
}
