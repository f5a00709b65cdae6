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
            SchemasToInclude = ["auth", "vault", "sharing", "billing", "encryption", "audit"],
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
        // The seeded default tenant stays as seeded; tenants made by the administration API go.
        await using var tenants = new NpgsqlCommand(
            "DELETE FROM auth.tenants WHERE id <> '00000000-0000-0000-0000-000000000001'; "
            + "UPDATE auth.tenants SET name = 'Default', suspended_at = NULL", connection);
        await tenants.ExecuteNonQueryAsync();
    }
}
