using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PasswordManager.Infrastructure.Auth.Revocation;

/// <summary>
/// Holds one connection that LISTENs on <see cref="SessionRevocationStore.Channel"/> and adds each revoked session to
/// <see cref="RevokedSessions"/>. On every (re)connect it first LISTENs and then loads the revocations of the token
/// window, so a revocation committed while it was disconnected is not missed. A quiet connection is checked with a
/// round trip every <see cref="SessionRevocationOptions.Heartbeat"/>; a lost one is reopened with back-off.
/// </summary>
internal sealed partial class SessionRevocationListener(
    SessionRevocationStore store, RevokedSessions revoked, SessionRevocationOptions options, TimeProvider clock,
    ILogger<SessionRevocationListener> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);
    private int backendProcessId;

    /// <summary>The PostgreSQL backend of the listening connection, 0 while disconnected.</summary>
    public int BackendProcessId => Volatile.Read(ref backendProcessId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = options.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => delay = options.ReconnectDelay, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Volatile.Write(ref backendProcessId, 0);
                LogConnectionLost(logger, delay, e);
            }

            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken stoppingToken)
    {
        await using var connection = await store.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, notification) =>
        {
            if (Guid.TryParse(notification.Payload, out var sessionId)) revoked.Add(sessionId, clock.GetUtcNow());
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {SessionRevocationStore.Channel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken);

        foreach (var (sessionId, revokedAt) in await SessionRevocationStore.LoadRecentAsync(connection, revoked.TokenWindow, stoppingToken))
            revoked.Add(sessionId, revokedAt);
        revoked.Confirm();
        Volatile.Write(ref backendProcessId, connection.ProcessID);
        connected();
        LogListening(logger, connection.ProcessID, revoked.Count);

        var pruneAt = clock.GetUtcNow();
        while (true)
        {
            if (!await connection.WaitAsync(options.Heartbeat, stoppingToken))
            {
                await using var heartbeat = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 5 };
                await heartbeat.ExecuteScalarAsync(stoppingToken);
            }
            revoked.Confirm();

            if (clock.GetUtcNow() < pruneAt) continue;
            revoked.DropExpired();
            await SessionRevocationStore.PruneAsync(connection, options.Retention, stoppingToken);
            pruneAt = clock.GetUtcNow() + PruneInterval;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for session revocations on backend {BackendProcessId}; {Known} revoked sessions known.")]
    private static partial void LogListening(ILogger logger, int backendProcessId, int known);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session revocation listener lost its connection; reconnecting in {Delay}.")]
    private static partial void LogConnectionLost(ILogger logger, TimeSpan delay, Exception exception);
}
