using Npgsql;
using Respawn;
using Respawn.Graph;

namespace PasswordManager.IntegrationTests.Infrastructure;

internal sealed class DatabaseResetter
{
    private readonly Respawner respawner;

    private DatabaseResetter(Respawner respawner) => this.respawner = respawner;

    public static async Task<DatabaseResetter> CreateAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        var respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["auth", "vault", "sharing", "billing", "encryption"],
            // Migration history and seeded reference data survive a reset.
            TablesToIgnore = ["__EFMigrationsHistory", new Table("auth", "tenants"), new Table("billing", "plans")],
        });
        return new DatabaseResetter(respawner);
    }

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Database);
        await connection.OpenAsync();
        await respawner.ResetAsync(connection);
    }
}
