using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PasswordManager.Infrastructure.Billing.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialBilling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "billing");

            migrationBuilder.CreateTable(
                name: "entitlement_overrides",
                schema: "billing",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entitlement_overrides", x => new { x.tenant_id, x.key });
                });

            migrationBuilder.CreateTable(
                name: "feature_flags",
                schema: "billing",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    tenants = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    users = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    plans = table.Column<string[]>(type: "text[]", nullable: false),
                    rollout_percentage = table.Column<int>(type: "integer", nullable: false),
                    variants = table.Column<string>(type: "jsonb", nullable: false),
                    variant_when_enabled = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    variant_when_disabled = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feature_flags", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entitlements = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processed_webhook_events",
                schema: "billing",
                columns: table => new
                {
                    event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_webhook_events", x => x.event_id);
                });

            migrationBuilder.CreateTable(
                name: "tenant_usage",
                schema: "billing",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    vaults = table.Column<long>(type: "bigint", nullable: false),
                    entries = table.Column<long>(type: "bigint", nullable: false),
                    attachment_bytes = table.Column<long>(type: "bigint", nullable: false),
                    reconciled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_drift = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_usage", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                schema: "billing",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    period_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    seats = table.Column<int>(type: "integer", nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions", x => x.tenant_id);
                    table.ForeignKey(
                        name: "FK_subscriptions_plans_plan_id",
                        column: x => x.plan_id,
                        principalSchema: "billing",
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                schema: "billing",
                table: "plans",
                columns: new[] { "id", "entitlements", "name", "updated_at" },
                values: new object[,]
                {
                    { "enterprise", "{\"maxVaults\":null,\"maxEntries\":null,\"maxAttachmentBytes\":536870912000,\"maxMembersPerSharedVault\":null,\"maxDevices\":null,\"historyDepth\":200,\"sharingAllowed\":true,\"apiKeysAllowed\":true,\"mfaMethods\":[\"totp\"],\"magicLinkAllowed\":true,\"oidcAllowed\":true}", "Enterprise", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "family", "{\"maxVaults\":50,\"maxEntries\":20000,\"maxAttachmentBytes\":5368709120,\"maxMembersPerSharedVault\":6,\"maxDevices\":30,\"historyDepth\":50,\"sharingAllowed\":true,\"apiKeysAllowed\":true,\"mfaMethods\":[\"totp\"],\"magicLinkAllowed\":true,\"oidcAllowed\":false}", "Family", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "free", "{\"maxVaults\":2,\"maxEntries\":200,\"maxAttachmentBytes\":0,\"maxMembersPerSharedVault\":0,\"maxDevices\":2,\"historyDepth\":5,\"sharingAllowed\":false,\"apiKeysAllowed\":false,\"mfaMethods\":[\"totp\"],\"magicLinkAllowed\":false,\"oidcAllowed\":false}", "Free", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "premium", "{\"maxVaults\":20,\"maxEntries\":5000,\"maxAttachmentBytes\":1073741824,\"maxMembersPerSharedVault\":2,\"maxDevices\":10,\"historyDepth\":50,\"sharingAllowed\":true,\"apiKeysAllowed\":true,\"mfaMethods\":[\"totp\"],\"magicLinkAllowed\":true,\"oidcAllowed\":false}", "Premium", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "self-hosted-unlimited", "{\"maxVaults\":null,\"maxEntries\":null,\"maxAttachmentBytes\":null,\"maxMembersPerSharedVault\":null,\"maxDevices\":null,\"historyDepth\":null,\"sharingAllowed\":true,\"apiKeysAllowed\":true,\"mfaMethods\":[\"totp\"],\"magicLinkAllowed\":true,\"oidcAllowed\":true}", "Self-hosted unlimited", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "teams", "{\"maxVaults\":500,\"maxEntries\":200000,\"maxAttachmentBytes\":53687091200,\"maxMembersPerSharedVault\":100,\"maxDevices\":500,\"historyDepth\":100,\"sharingAllowed\":true,\"apiKeysAllowed\":true,\"mfaMethods\":[\"totp\"],\"magicLinkAllowed\":true,\"oidcAllowed\":true}", "Teams", new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) }
                });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_plan_id",
                schema: "billing",
                table: "subscriptions",
                column: "plan_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entitlement_overrides",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "feature_flags",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "processed_webhook_events",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "subscriptions",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "tenant_usage",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "plans",
                schema: "billing");
        }
    }
}
