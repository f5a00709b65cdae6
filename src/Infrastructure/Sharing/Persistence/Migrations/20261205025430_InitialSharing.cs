using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Sharing.Persistence.Migrations
{
    /// <summary>
    /// Takes over vault.vault_invitations from the Vault module (ADR-0031): the table changes schema with its rows, its
    /// indexes and its foreign key to vault.vaults (cascade), which no model declares from here on. Vault's migrations
    /// run first (DatabaseMigrator), so the table exists on a new database too.
    /// </summary>
    public partial class InitialSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "sharing");

            migrationBuilder.Sql("ALTER TABLE vault.vault_invitations SET SCHEMA sharing;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE sharing.vault_invitations SET SCHEMA vault;");
        }
    }
}
