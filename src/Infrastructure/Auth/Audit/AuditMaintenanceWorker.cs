using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasswordManager.Infrastructure.Common.Jobs;

namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary>
/// Runs <see cref="AuditMaintenance"/> every <see cref="AuditOptions.CheckpointInterval"/> in one replica per interval
/// (<see cref="JobLeases"/>). Two replicas running it at once (a lease that expired mid-run) sign the same head twice,
/// which verification accepts.
/// </summary>
internal sealed partial class AuditMaintenanceWorker(
    IServiceScopeFactory scopes, JobLeases leases, AuditOptions options, TimeProvider clock, ILogger<AuditMaintenanceWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckpointInterval, clock);
        do
        {
            try
            {
                await leases.RunOnceAcrossReplicasAsync("audit-maintenance", options.CheckpointInterval, RunAsync, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var maintenance = scope.ServiceProvider.GetRequiredService<AuditMaintenance>();
        await maintenance.PruneAsync(cancellationToken);
        await maintenance.CheckpointAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit checkpoint or pruning failed; it is tried again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
