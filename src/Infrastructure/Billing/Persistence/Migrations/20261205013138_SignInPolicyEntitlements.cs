using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Billing.Persistence.Migrations
{
    /// <summary>
    /// Adds the sign-in policy entitlements (ADR-0027) to every plan, keeping what an admin changed in a plan: the
    /// password login stays allowed and a second factor stays optional until someone decides otherwise.
    /// </summary>
    public partial class SignInPolicyEntitlements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE billing.plans
                SET entitlements = '{"passwordLoginAllowed": true, "mfaRequired": false}'::jsonb || entitlements
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE billing.plans SET entitlements = entitlements - 'passwordLoginAllowed' - 'mfaRequired'");
        }
    }
}
