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

    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Keys lists only the settings the string names (ContainsKey is true for every known keyword).
        var named = builder.Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!named.Contains("Max Auto Prepare")) builder.MaxAutoPrepare = MaxAutoPrepare;
        return builder.ConnectionString;
    }
}
