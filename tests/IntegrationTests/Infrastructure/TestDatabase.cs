using System.Diagnostics;
using Npgsql;

namespace PasswordManager.IntegrationTests.Infrastructure;

internal static class TestDatabase
{
    public static async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A dump line of the audit log: a chained row or one still queued for the chainer (ADR-0034).</summary>
    public static bool IsAuditLogRow(string dumpLine) =>
        dumpLine.StartsWith("INSERT INTO audit.events ", StringComparison.Ordinal)
        || dumpLine.StartsWith("INSERT INTO audit.pending_events ", StringComparison.Ordinal);

    /// <summary>A full plain-text pg_dump of the test database: what an attacker with a backup would read.</summary>
    public static async Task<string> DumpAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestEnvironment.Database);
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")).Where(File.Exists)
            .OrderDescending().FirstOrDefault() ?? "pg_dump";
        var start = new ProcessStartInfo(pgDump)
        {
            ArgumentList = { "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!, "--data-only", "--inserts" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = builder.Password },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await error);
        return await output;
    }
}
