using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Vault.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialVault : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "vault");

            migrationBuilder.CreateTable(
                name: "blob_garbage",
                schema: "vault",
                columns: table => new
                {
                    blob_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    not_before = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blob_garbage", x => x.blob_key);
                });

            migrationBuilder.CreateTable(
                name: "vaults",
                schema: "vault",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    key_epoch = table.Column<long>(type: "bigint", nullable: false),
                    encrypted_metadata = table.Column<byte[]>(type: "bytea", nullable: true),
                    metadata_revision = table.Column<long>(type: "bigint", nullable: false),
                    purged_through_revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vaults", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "access_records",
                schema: "vault",
                columns: table => new
                {
                    vault_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    permission = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    key_epoch = table.Column<long>(type: "bigint", nullable: false),
                    wrapped_key = table.Column<byte[]>(type: "bytea", nullable: false),
                    granter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    granter_signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_records", x => new { x.vault_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_access_records_vaults_vault_id",
                        column: x => x.vault_id,
                        principalSchema: "vault",
                        principalTable: "vaults",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "entries",
                schema: "vault",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    vault_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    key_epoch = table.Column<long>(type: "bigint", nullable: false),
                    ciphertext_size = table.Column<int>(type: "integer", nullable: false),
                    ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    blob_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    deleted = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entries", x => x.id);
                    table.ForeignKey(
                        name: "FK_entries_vaults_vault_id",
                        column: x => x.vault_id,
                        principalSchema: "vault",
                        principalTable: "vaults",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "entry_versions",
                schema: "vault",
                columns: table => new
                {
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    vault_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key_epoch = table.Column<long>(type: "bigint", nullable: false),
                    ciphertext_size = table.Column<int>(type: "integer", nullable: false),
                    ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    blob_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entry_versions", x => new { x.entry_id, x.version });
                    table.ForeignKey(
                        name: "FK_entry_versions_entries_entry_id",
                        column: x => x.entry_id,
                        principalSchema: "vault",
                        principalTable: "entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_records_user_id",
                schema: "vault",
                table: "access_records",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_blob_garbage_not_before",
                schema: "vault",
                table: "blob_garbage",
                column: "not_before");

            migrationBuilder.CreateIndex(
                name: "IX_entries_vault_id_id",
                schema: "vault",
                table: "entries",
                columns: new[] { "vault_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_entries_vault_id_revision",
                schema: "vault",
                table: "entries",
                columns: new[] { "vault_id", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vaults_one_personal_per_user",
                schema: "vault",
                table: "vaults",
                column: "created_by",
                unique: true,
                filter: "kind = 'Personal'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_records",
                schema: "vault");

            migrationBuilder.DropTable(
                name: "blob_garbage",
                schema: "vault");

            migrationBuilder.DropTable(
                name: "entry_versions",
                schema: "vault");

            migrationBuilder.DropTable(
                name: "entries",
                schema: "vault");

            migrationBuilder.DropTable(
                name: "vaults",
                schema: "vault");
        }
    }
}
