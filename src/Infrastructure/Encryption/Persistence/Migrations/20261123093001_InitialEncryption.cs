using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Encryption.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialEncryption : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "encryption");

            migrationBuilder.CreateTable(
                name: "encrypted_fields",
                schema: "encryption",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    module = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    record_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    encryption_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cipher_text = table.Column<byte[]>(type: "bytea", nullable: false),
                    nonce = table.Column<byte[]>(type: "bytea", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_encrypted_fields", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "encryptions",
                schema: "encryption",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    encryption_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    protection = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    latest_version = table.Column<int>(type: "integer", nullable: false),
                    min_decryption_version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_encryptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reencryption_jobs",
                schema: "encryption",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    encryption_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    target_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    cursor = table.Column<Guid>(type: "uuid", nullable: true),
                    processed = table.Column<long>(type: "bigint", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reencryption_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "encryption_key_versions",
                schema: "encryption",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    context_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    wrapped_key = table.Column<byte[]>(type: "bytea", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_encryption_key_versions", x => x.id);
                    table.ForeignKey(
                        name: "FK_encryption_key_versions_encryptions_context_id",
                        column: x => x.context_id,
                        principalSchema: "encryption",
                        principalTable: "encryptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_encrypted_fields_tenant_id_encryption_id_version_id",
                schema: "encryption",
                table: "encrypted_fields",
                columns: new[] { "tenant_id", "encryption_id", "version_id" });

            migrationBuilder.CreateIndex(
                name: "IX_encrypted_fields_tenant_id_module_field_record_key",
                schema: "encryption",
                table: "encrypted_fields",
                columns: new[] { "tenant_id", "module", "field", "record_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_encryption_key_versions_context_id_version",
                schema: "encryption",
                table: "encryption_key_versions",
                columns: new[] { "context_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_encryptions_tenant_id_encryption_id",
                schema: "encryption",
                table: "encryptions",
                columns: new[] { "tenant_id", "encryption_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reencryption_jobs_status",
                schema: "encryption",
                table: "reencryption_jobs",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_reencryption_jobs_tenant_id_encryption_id",
                schema: "encryption",
                table: "reencryption_jobs",
                columns: new[] { "tenant_id", "encryption_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "encrypted_fields",
                schema: "encryption");

            migrationBuilder.DropTable(
                name: "encryption_key_versions",
                schema: "encryption");

            migrationBuilder.DropTable(
                name: "reencryption_jobs",
                schema: "encryption");

            migrationBuilder.DropTable(
                name: "encryptions",
                schema: "encryption");
        }
    }
}
