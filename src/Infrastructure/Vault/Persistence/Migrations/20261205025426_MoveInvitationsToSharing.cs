using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Vault.Persistence.Migrations
{
    /// <summary>
    /// vault_invitations leaves this module's model: the Sharing module's first migration moves the table, with its rows,
    /// indexes and foreign key, to the sharing schema (ADR-0031). Nothing changes in the database here.
    /// </summary>
    public partial class MoveInvitationsToSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
