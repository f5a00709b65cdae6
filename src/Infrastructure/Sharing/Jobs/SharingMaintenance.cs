using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasswordManager.Application.Sharing.AccessLog.PurgeAccessLog;
using PasswordManager.Infrastructure.Common.Jobs;

namespace PasswordManager.Infrastructure.Sharing.Jobs;

/// <summary>
/// Sharing housekeeping at the vault maintenance's interval (<c>Vault:GarbageCollectionInterval</c>), in one replica per
/// interval (<see cref="JobLeases"/>): the access log past its retention. Safe to run in several replicas at once.
/// </summary>
internal sealed partial class SharingMaintenance(IServiceScopeFactory scopes, JobLeases leases, ILogger<SharingMaintenance> logger, TimeSpan interval)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await leases.RunOnceAcrossReplicasAsync("sharing-maintenance", interval, RunAsync, stoppingToken);
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
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var accessLog = await sender.Send(new PurgeAccessLogCommand(), cancellationToken);
        if (accessLog > 0) LogDone(logger, accessLog);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sharing maintenance purged {AccessLogRows} access-log rows past retention")]
    private static partial void LogDone(ILogger logger, int accessLogRows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sharing maintenance failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
