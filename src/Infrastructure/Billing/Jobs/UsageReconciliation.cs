using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasswordManager.Application.Billing;
using PasswordManager.Application.Billing.Usage.ReconcileUsage;
using PasswordManager.Infrastructure.Common.Jobs;

namespace PasswordManager.Infrastructure.Billing.Jobs;

/// <summary>
/// Recounts every tenant's usage each <c>Billing:ReconciliationInterval</c> in one replica per interval
/// (<see cref="JobLeases"/>), logs each difference and corrects it. Also safe in several replicas at once: each tenant is
/// recounted under its usage row lock.
/// </summary>
internal sealed partial class UsageReconciliation(
    IServiceScopeFactory scopes, JobLeases leases, BillingOptions options, ILogger<UsageReconciliation> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ReconciliationInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await leases.RunOnceAcrossReplicasAsync("usage-reconciliation", options.ReconciliationInterval, RunAsync, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReconcileUsageCommand(null), cancellationToken);
        foreach (var correction in result.Corrected)
            LogCorrected(logger, correction.TenantId, correction.Recorded.Vaults, correction.Counted.Vaults, correction.Recorded.Entries,
                correction.Counted.Entries, correction.Recorded.AttachmentBytes, correction.Counted.AttachmentBytes);
        LogDone(logger, result.Tenants, result.Corrected.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage reconciliation recounted {Tenants} tenants and corrected {Corrected}")]
    private static partial void LogDone(ILogger logger, int tenants, int corrected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage of tenant {TenantId} had drifted and was corrected: vaults {VaultsRecorded} → {VaultsCounted}, entries {EntriesRecorded} → {EntriesCounted}, attachment bytes {BytesRecorded} → {BytesCounted}")]
    private static partial void LogCorrected(
        ILogger logger, Guid tenantId, long vaultsRecorded, long vaultsCounted, long entriesRecorded, long entriesCounted, long bytesRecorded, long bytesCounted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage reconciliation failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
