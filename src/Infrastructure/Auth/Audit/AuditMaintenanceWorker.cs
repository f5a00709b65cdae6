using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary>
/// Runs <see cref="AuditMaintenance"/> every <see cref="AuditOptions.CheckpointInterval"/>. Two replicas running it at
/// once sign the same head twice, which verification accepts, so no lease is taken.
/// </summary>
internal sealed partial class AuditMaintenanceWorker(
    IServiceScopeFactory scopes, AuditOptions options, TimeProvider clock, ILogger<AuditMaintenanceWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckpointInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var maintenance = scope.ServiceProvider.GetRequiredService<AuditMaintenance>();
                await maintenance.PruneAsync(stoppingToken);
                await maintenance.CheckpointAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit checkpoint or pruning failed; it is tried again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
