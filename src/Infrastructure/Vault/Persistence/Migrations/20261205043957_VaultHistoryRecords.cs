using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Vault.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class VaultHistoryRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "history_records",
                schema: "vault",
                columns: table => new
                {
                    vault_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    checkpoint = table.Column<bool>(type: "boolean", nullable: false),
                    record = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_history_records", x => new { x.vault_id, x.seq });
                    table.ForeignKey(
                        name: "FK_history_records_vaults_vault_id",
                        column: x => x.vault_id,
                        principalSchema: "vault",
                        principalTable: "vaults",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_history_records_vault_id_revision",
                schema: "vault",
                table: "history_records",
                columns: new[] { "vault_id", "revision" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "history_records",
                schema: "vault");
        }
    }
}
