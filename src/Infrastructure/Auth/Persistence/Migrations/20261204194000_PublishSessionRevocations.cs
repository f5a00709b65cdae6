using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PasswordManager.Infrastructure.Auth.Persistence.Migrations
{
    /// <summary>
    /// Every way a session ends — an UPDATE that sets <c>revoked_at</c> or a DELETE (directly or cascaded from the
    /// user) — is recorded in <c>auth.session_revocations</c> and announced on the <c>auth_session_revoked</c>
    /// channel when its transaction commits (ADR-0018). The table is not part of the EF model.
    /// </summary>
    [DbContext(typeof(AuthDbContext))]
    [Migration("20261204194000_PublishSessionRevocations")]
    public partial class PublishSessionRevocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE auth.session_revocations (
                    session_id uuid PRIMARY KEY,
                    revoked_at timestamp with time zone NOT NULL
                );
                CREATE INDEX ix_session_revocations_revoked_at ON auth.session_revocations (revoked_at);

                CREATE FUNCTION auth.publish_session_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO auth.session_revocations (session_id, revoked_at) VALUES (OLD.id, now())
                    ON CONFLICT (session_id) DO NOTHING;
                    PERFORM pg_notify('auth_session_revoked', OLD.id::text);
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER sessions_publish_revocation AFTER UPDATE OF revoked_at ON auth.sessions
                    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
                    EXECUTE FUNCTION auth.publish_session_revocation();
                CREATE TRIGGER sessions_publish_deletion AFTER DELETE ON auth.sessions
                    FOR EACH ROW EXECUTE FUNCTION auth.publish_session_revocation();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER sessions_publish_deletion ON auth.sessions;
                DROP TRIGGER sessions_publish_revocation ON auth.sessions;
                DROP FUNCTION auth.publish_session_revocation();
                DROP TABLE auth.session_revocations;
                """);
        }
    }
}
