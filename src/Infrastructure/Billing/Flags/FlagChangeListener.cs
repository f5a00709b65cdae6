using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PasswordManager.Infrastructure.Billing.Persistence;

namespace PasswordManager.Infrastructure.Billing.Flags;

/// <summary>
/// Listens on PostgreSQL for flag, plan, override and subscription changes (<c>NOTIFY</c> from any server process) and
/// drops this process's cached definitions, so a change takes effect everywhere within a moment. Should the connection
/// drop, the cache lifetime still bounds how long a process can lag.
/// </summary>
internal sealed partial class FlagChangeListener(
    NpgsqlDataSource dataSource, PostgresFeatureDefinitionProvider definitions, ILogger<FlagChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => definitions.Invalidate();
                await using (var listen = new NpgsqlCommand($"LISTEN {BillingDbContext.FlagsChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Changes made while no connection listened are unknown: start from fresh definitions.
                definitions.Invalidate();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDisconnected(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for flag changes failed; reconnecting (cached flags expire meanwhile)")]
    private static partial void LogDisconnected(ILogger logger, Exception exception);
}
