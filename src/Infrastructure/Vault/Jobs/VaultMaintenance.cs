using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasswordManager.Application.Vault.Storage.CollectBlobGarbage;
using PasswordManager.Application.Vault.Storage.ExpireRekeySessions;
using PasswordManager.Application.Vault.Storage.PurgeTombstones;
using PasswordManager.Infrastructure.Common.Jobs;

namespace PasswordManager.Infrastructure.Vault.Jobs;

/// <summary>
/// Vault housekeeping every <c>Vault:GarbageCollectionInterval</c>, in one replica per interval (<see cref="JobLeases"/>):
/// expired tombstones, expired re-key sessions, then unreferenced blobs. Each step
/// is also safe to run in several replicas at once (a lease that expired mid-run).
/// </summary>
internal sealed partial class VaultMaintenance(IServiceScopeFactory scopes, JobLeases leases, ILogger<VaultMaintenance> logger, TimeSpan interval)
    : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await leases.RunOnceAcrossReplicasAsync("vault-maintenance", interval, RunAsync, stoppingToken);
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
        var tombstones = await sender.Send(new PurgeTombstonesCommand(BatchSize), cancellationToken);
        var sessions = await sender.Send(new ExpireRekeySessionsCommand(BatchSize), cancellationToken);
        var garbage = await sender.Send(new CollectBlobGarbageCommand(BatchSize), cancellationToken);
        if (tombstones.Tombstones + sessions + garbage.Deleted > 0)
            LogDone(logger, tombstones.Tombstones, sessions, garbage.Deleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vault maintenance purged {Tombstones} expired tombstones, removed {Sessions} expired re-key sessions and deleted {Blobs} unreferenced blobs")]
    private static partial void LogDone(ILogger logger, int tombstones, int sessions, int blobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vault maintenance failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
