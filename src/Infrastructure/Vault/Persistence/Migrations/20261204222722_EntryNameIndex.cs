using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Vault.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EntryNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "name_index",
                schema: "vault",
                table: "rekey_staged_entries",
                type: "character varying(22)",
                maxLength: 22,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_index",
                schema: "vault",
                table: "entries",
                type: "character varying(22)",
                maxLength: 22,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_entries_vault_id_name_index",
                schema: "vault",
                table: "entries",
                columns: new[] { "vault_id", "name_index" },
                filter: "name_index IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_entries_vault_id_name_index",
                schema: "vault",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "name_index",
                schema: "vault",
                table: "rekey_staged_entries");

            migrationBuilder.DropColumn(
                name: "name_index",
                schema: "vault",
                table: "entries");
        }
    }
}
