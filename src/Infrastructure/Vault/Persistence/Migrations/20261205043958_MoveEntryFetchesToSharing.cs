using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Vault.Persistence.Migrations
{
    /// <summary>
    /// entry_fetches (the access log) leaves this module's model: the Sharing module's TakeOverEntryFetches migration moves
    /// the table, with its rows, keys, index and foreign key, to the sharing schema (ADR-0031). Nothing changes in the
    /// database here.
    /// </summary>
    public partial class MoveEntryFetchesToSharing : Migration
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
