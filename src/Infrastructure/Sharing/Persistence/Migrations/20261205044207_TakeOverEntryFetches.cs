using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Sharing.Persistence.Migrations
{
    /// <summary>
    /// Takes over vault.entry_fetches, the access log, from the Vault module (ADR-0031): the table changes schema with its
    /// rows, its primary key, its index on the last fetch and its foreign key to vault.vaults (cascade), which no model
    /// declares from here on. Vault's migrations run first (DatabaseMigrator), so the table exists on a new database too.
    /// </summary>
    public partial class TakeOverEntryFetches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE vault.entry_fetches SET SCHEMA sharing;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE sharing.entry_fetches SET SCHEMA vault;");
        }
    }
}
