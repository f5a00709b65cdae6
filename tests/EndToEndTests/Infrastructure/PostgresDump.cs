using System.Diagnostics;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>pg_dump of the whole test database (schema and data) in plain SQL, where bytea columns appear as hex.</summary>
internal static class PostgresDump
{
    public static async Task<string> WriteAsync(string connectionString, string targetFile)
    {
        var settings = Parse(connectionString);
        var start = new ProcessStartInfo(LocatePgDump());
        foreach (var argument in new[] { "--no-owner", "-f", targetFile, "-h", Get("host"), "-p", Get("port", "5432"), "-U", Get("username"), "-d", Get("database") })
            start.ArgumentList.Add(argument);
        start.Environment["PGPASSWORD"] = settings.GetValueOrDefault("password", "");

        var result = await ProcessRunner.RunAsync(start, stdin: null, TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0) throw new InvalidOperationException($"pg_dump failed: {result}");
        return targetFile;

        string Get(string key, string? fallback = null) =>
            settings.GetValueOrDefault(key) ?? fallback ?? throw new InvalidOperationException($"The connection string has no {key}.");
    }

    /// <summary>Npgsql keywords (Host, Port, Database, Username, Password; a few common aliases).</summary>
    internal static Dictionary<string, string> Parse(string connectionString)
    {
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["server"] = "host",
            ["user id"] = "username",
            ["userid"] = "username",
            ["user"] = "username",
            ["db"] = "database",
            ["pwd"] = "password",
        };
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) continue;
            var key = part[..equals].Trim();
            settings[aliases.GetValueOrDefault(key, key).ToLowerInvariant()] = part[(equals + 1)..].Trim();
        }

        return settings;
    }

    internal static string LocatePgDump() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(folder => Path.Combine(folder, "bin", "pg_dump"))
                .Where(File.Exists)
                .OrderByDescending(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), out var major) ? major : 0)
                .FirstOrDefault() ?? "pg_dump"
            : "pg_dump";
}
