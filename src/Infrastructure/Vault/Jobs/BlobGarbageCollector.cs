using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasswordManager.Application.Vault.Storage.CollectBlobGarbage;

namespace PasswordManager.Infrastructure.Vault.Jobs;

/// <summary>Runs the blob garbage collection every <see cref="Interval"/> in every replica.</summary>
internal sealed partial class BlobGarbageCollector(IServiceScopeFactory scopes, ILogger<BlobGarbageCollector> logger, TimeSpan interval)
    : BackgroundService
{
    private const int BatchSize = 500;

    public TimeSpan Interval => interval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CollectBlobGarbageCommand(BatchSize), stoppingToken);
                if (result.Deleted > 0) LogCollected(logger, result.Deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob garbage collector deleted {Count} unreferenced blobs")]
    private static partial void LogCollected(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob garbage collection failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
