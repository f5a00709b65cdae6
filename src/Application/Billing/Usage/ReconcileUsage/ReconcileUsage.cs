using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Billing.Usage.ReconcileUsage;

/// <summary>Recounts the usage of one tenant (or of every tenant when <see cref="TenantId"/> is null) and corrects the counters.</summary>
public sealed record ReconcileUsageCommand(Guid? TenantId) : ICommand<ReconcileUsageResult>;

public sealed record ReconcileUsageResult(int Tenants, IReadOnlyList<UsageCorrection> Corrected);

/// <summary>What a tenant's counters said, and the recount they were set to.</summary>
public sealed record UsageCorrection(Guid TenantId, UsageCounters Recorded, UsageCounters Counted);

public sealed class ReconcileUsageCommandHandler(IBillingDbContext db, ISender sender, TimeProvider clock)
    : ICommandHandler<ReconcileUsageCommand, ReconcileUsageResult>
{
    private static readonly JsonSerializerOptions json = new(JsonSerializerDefaults.Web);

    public async ValueTask<ReconcileUsageResult> Handle(ReconcileUsageCommand command, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> tenants = command.TenantId is { } one
            ? [one]
            : [.. (await sender.Send(new ListTenantIdsQuery(), cancellationToken)).Select(t => t.Id)
                .Union(await db.Usage.AsNoTracking().Select(u => u.TenantId.Value).ToListAsync(cancellationToken))];
        var corrected = new List<UsageCorrection>();
        foreach (var tenantId in tenants)
        {
            var tenant = new TenantId(tenantId);
            await using var transaction = await db.BeginTransactionAsync(cancellationToken);
            var recorded = await db.LockUsageAsync(transaction.Shared, tenant, cancellationToken);
            var count = await sender.Send(new CountTenantVaultUsageQuery(tenantId, transaction.Shared), cancellationToken);
            var counted = new UsageCounters(count.Vaults, count.Entries, count.AttachmentBytes);
            var drift = counted.Minus(recorded);
            await db.SetReconciledUsageAsync(
                transaction.Shared, tenant, counted, drift.IsZero ? null : JsonSerializer.Serialize(drift, json), clock.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (!drift.IsZero) corrected.Add(new UsageCorrection(tenantId, recorded, counted));
        }

        return new ReconcileUsageResult(tenants.Count, corrected);
    }
}
