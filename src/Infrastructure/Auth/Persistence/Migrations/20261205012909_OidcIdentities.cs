using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Auth.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OidcIdentities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "oidc_identities",
                schema: "auth",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    subject = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oidc_identities", x => x.id);
                    table.ForeignKey(
                        name: "FK_oidc_identities_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "auth",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "oidc_sign_ins",
                schema: "auth",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    state_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    provider = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    nonce = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    code_verifier = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    provider_redirect_uri = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    client_redirect_uri = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    device_challenge = table.Column<byte[]>(type: "bytea", nullable: false),
                    device_id = table.Column<Guid>(type: "uuid", nullable: false),
                    device_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    device_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    subject = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    identity_ticket_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    identity_ticket_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    identity_ticket_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oidc_sign_ins", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_oidc_identities_issuer_subject",
                schema: "auth",
                table: "oidc_identities",
                columns: new[] { "issuer", "subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_oidc_identities_user_id",
                schema: "auth",
                table: "oidc_identities",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_oidc_sign_ins_identity_ticket_hash",
                schema: "auth",
                table: "oidc_sign_ins",
                column: "identity_ticket_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_oidc_sign_ins_state_hash",
                schema: "auth",
                table: "oidc_sign_ins",
                column: "state_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "oidc_identities",
                schema: "auth");

            migrationBuilder.DropTable(
                name: "oidc_sign_ins",
                schema: "auth");
        }
    }
}
