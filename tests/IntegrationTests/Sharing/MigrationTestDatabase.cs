using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using PasswordManager.Infrastructure.Sharing.Persistence;
using PasswordManager.Infrastructure.Vault.Persistence;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Sharing;

/// <summary>A database of its own per test, for migrating a populated schema across a table's move (ADR-0031).</summary>
public abstract class MigrationTestDatabase
{
    private string database = null!;

    protected string ConnectionString { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        database = $"pm_migration_{Guid.NewGuid():N}";
        await ExecuteAsync(TestEnvironment.Database, $"CREATE DATABASE {database}");
        ConnectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.Database) { Database = database, Pooling = false }.ConnectionString;
    }

    [TearDown]
    public async Task DropDatabaseAsync() => await ExecuteAsync(TestEnvironment.Database, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");

    /// <summary>Applies <paramref name="context"/>'s migrations up to the one before the migration named <paramref name="suffix"/>.</summary>
    protected static async Task MigrateToBeforeAsync(DbContext context, string suffix)
    {
        ArgumentNullException.ThrowIfNull(context);
        var migrations = context.Database.GetMigrations().ToList();
        var move = migrations.FindIndex(m => m.EndsWith(suffix, StringComparison.Ordinal));
        Assert.That(move, Is.GreaterThan(0), suffix);
        await context.GetService<IMigrator>().MigrateAsync(migrations[move - 1]);
    }

    protected VaultDbContext VaultContext() => new(new DbContextOptionsBuilder<VaultDbContext>()
        .UseNpgsql(ConnectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory", "vault")).Options);

    protected SharingDbContext SharingContext() => new(new DbContextOptionsBuilder<SharingDbContext>()
        .UseNpgsql(ConnectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory", "sharing")).Options);

    protected async Task<bool> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    protected Task ExecuteAsync(string sql) => ExecuteAsync(ConnectionString, sql);

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var open = new NpgsqlConnection(connection);
        await open.OpenAsync();
        await using var command = new NpgsqlCommand(sql, open);
        await command.ExecuteNonQueryAsync();
    }
}
