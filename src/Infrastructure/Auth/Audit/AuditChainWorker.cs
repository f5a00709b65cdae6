using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasswordManager.Infrastructure.Auth.Audit.Persistence;

namespace PasswordManager.Infrastructure.Auth.Audit;

/// <summary>
/// Chains the events requests queued, every <see cref="AuditOptions.ChainInterval"/>, on every replica (ADR-0034). Replicas
/// do not take turns: a tenant whose head another chainer holds is skipped (<c>FOR UPDATE SKIP LOCKED</c>) and left to it.
/// </summary>
internal sealed partial class AuditChainWorker(
    IServiceScopeFactory scopes, AuditOptions options, TimeProvider clock, ILogger<AuditChainWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ChainInterval, clock);
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AuditDbContext>().ChainAllPendingAsync(skipLocked: true, stoppingToken);
                failing = false;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Once per outage, not five times a second; the events wait in the queue and readers chain them too.
                if (!failing) LogFailed(logger, exception);
                failing = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chaining queued audit events failed; they stay queued and are tried again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
