namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>Fresh, empty databases in the test cluster, for tests that need an instance of their own (deploy/test.sh lets the test role create them).</summary>
internal static class TestDatabases
{
    public static async Task<string> CreateAsync()
    {
        var name = $"pm_e2e_{Guid.NewGuid():N}"[..24];
        await PostgresSql.ExecuteAsync(E2eEnvironment.Database, $"CREATE DATABASE {name}");
        var parts = E2eEnvironment.Database.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !part.TrimStart().StartsWith("Database=", StringComparison.OrdinalIgnoreCase));
        return string.Join(';', parts.Append($"Database={name}"));
    }
}
