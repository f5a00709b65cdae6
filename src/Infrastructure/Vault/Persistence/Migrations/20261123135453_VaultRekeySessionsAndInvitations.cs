using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Vault.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class VaultRekeySessionsAndInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rekey_sessions",
                schema: "vault",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    vault_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    from_key_epoch = table.Column<long>(type: "bigint", nullable: false),
                    revoke = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rekey_sessions", x => x.id);
                    table.ForeignKey(
                        name: "FK_rekey_sessions_vaults_vault_id",
                        column: x => x.vault_id,
                        principalSchema: "vault",
                        principalTable: "vaults",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vault_invitations",
                schema: "vault",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    vault_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invitee = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    permission = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    invited_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    accepted_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vault_invitations", x => x.id);
                    table.ForeignKey(
                        name: "FK_vault_invitations_vaults_vault_id",
                        column: x => x.vault_id,
                        principalSchema: "vault",
                        principalTable: "vaults",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rekey_staged_attachments",
                schema: "vault",
                columns: table => new
                {
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attachment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    blob_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rekey_staged_attachments", x => new { x.session_id, x.attachment_id });
                    table.ForeignKey(
                        name: "FK_rekey_staged_attachments_rekey_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "vault",
                        principalTable: "rekey_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rekey_staged_entries",
                schema: "vault",
                columns: table => new
                {
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    replaces_version = table.Column<long>(type: "bigint", nullable: false),
                    ciphertext_size = table.Column<int>(type: "integer", nullable: false),
                    ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    blob_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rekey_staged_entries", x => new { x.session_id, x.entry_id });
                    table.ForeignKey(
                        name: "FK_rekey_staged_entries_rekey_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "vault",
                        principalTable: "rekey_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rekey_sessions_expires_at",
                schema: "vault",
                table: "rekey_sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_rekey_sessions_vault_id",
                schema: "vault",
                table: "rekey_sessions",
                column: "vault_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_vault_invitations_tenant_id_invitee",
                schema: "vault",
                table: "vault_invitations",
                columns: new[] { "tenant_id", "invitee" });

            migrationBuilder.CreateIndex(
                name: "IX_vault_invitations_vault_id_invitee",
                schema: "vault",
                table: "vault_invitations",
                columns: new[] { "vault_id", "invitee" },
                unique: true,
                filter: "status = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rekey_staged_attachments",
                schema: "vault");

            migrationBuilder.DropTable(
                name: "rekey_staged_entries",
                schema: "vault");

            migrationBuilder.DropTable(
                name: "vault_invitations",
                schema: "vault");

            migrationBuilder.DropTable(
                name: "rekey_sessions",
                schema: "vault");
        }
    }
}
