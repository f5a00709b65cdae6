using System.Diagnostics;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>Runs SQL against the test database with psql, as an attacker with database access would (tampering tests).</summary>
internal static class PostgresSql
{
    public static async Task<string> ExecuteAsync(string connectionString, string sql)
    {
        var settings = PostgresDump.Parse(connectionString);
        var psql = Path.Combine(Path.GetDirectoryName(PostgresDump.LocatePgDump()) ?? "", "psql");
        var start = new ProcessStartInfo(File.Exists(psql) ? psql : "psql");
        foreach (var argument in new[]
        {
            "-v", "ON_ERROR_STOP=1", "-At", "-h", settings["host"], "-p", settings.GetValueOrDefault("port", "5432"),
            "-U", settings["username"], "-d", settings["database"], "-c", sql,
        })
            start.ArgumentList.Add(argument);
        start.Environment["PGPASSWORD"] = settings.GetValueOrDefault("password", "");
        var result = await ProcessRunner.RunAsync(start, stdin: null, TimeSpan.FromSeconds(30));
        return result.ExitCode == 0 ? result.Stdout.Trim() : throw new InvalidOperationException($"psql failed: {result}");
    }
}
