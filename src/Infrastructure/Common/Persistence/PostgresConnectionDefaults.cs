using Npgsql;

namespace PasswordManager.Infrastructure.Common.Persistence;

/// <summary>
/// Npgsql settings the server applies to <c>ConnectionStrings:Postgres</c> unless the operator sets them there
/// (docs/decisions/ADR-0010-hot-path-database-access.md).
/// </summary>
internal static class PostgresConnectionDefaults
{
    /// <summary>
    /// Automatic preparation: a statement used five times on a physical connection is prepared there, so PostgreSQL
    /// parses and plans it once instead of on every request. EF Core's statement set is small and fixed.
    /// </summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// Failure bounds (ADR-0030): opening a connection, or waiting for one from an exhausted pool, gives up after
    /// <see cref="ConnectTimeoutSeconds"/>; PostgreSQL cancels a statement after <see cref="StatementTimeoutMilliseconds"/>;
    /// a command whose server never answers (a dead connection) is abandoned after <see cref="CommandTimeoutSeconds"/>.
    /// Each failure reaches the client as a 503 with <c>Retry-After</c>, never a hang.
    /// </summary>
    public const int ConnectTimeoutSeconds = 15;

    public const int StatementTimeoutMilliseconds = 15_000;

    public const int CommandTimeoutSeconds = 20;

    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Keys lists only the settings the string names (ContainsKey is true for every known keyword).
        var named = builder.Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!named.Contains("Max Auto Prepare")) builder.MaxAutoPrepare = MaxAutoPrepare;
        if (!named.Contains("Timeout")) builder.Timeout = ConnectTimeoutSeconds;
        if (!named.Contains("Command Timeout")) builder.CommandTimeout = CommandTimeoutSeconds;
        if (builder.Options?.Contains("statement_timeout", StringComparison.Ordinal) != true)
            builder.Options = $"{builder.Options} -c statement_timeout={StatementTimeoutMilliseconds}".Trim();
        return builder.ConnectionString;
    }
}
