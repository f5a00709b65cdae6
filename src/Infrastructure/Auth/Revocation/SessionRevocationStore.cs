using Npgsql;

namespace PasswordManager.Infrastructure.Auth.Revocation;

/// <summary>
/// Reads <c>auth.session_revocations</c>, which the triggers of the <c>PublishSessionRevocations</c> migration fill, over
/// a data source of its own: the listener's long-lived connection must not take a slot of the EF pools.
/// </summary>
internal sealed class SessionRevocationStore(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public const string Channel = "auth_session_revoked";

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>The sessions revoked within <paramref name="window"/> of the database's clock.</summary>
    public static async Task<List<(Guid SessionId, DateTimeOffset RevokedAt)>> LoadRecentAsync(
        NpgsqlConnection connection, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT session_id, revoked_at FROM auth.session_revocations WHERE revoked_at > now() - $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = window } },
        };
        var recent = new List<(Guid, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            recent.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
        return recent;
    }

    public static async Task PruneAsync(NpgsqlConnection connection, TimeSpan retention, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM auth.session_revocations WHERE revoked_at < now() - $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = retention } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> IsRevokedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM auth.session_revocations WHERE session_id = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
