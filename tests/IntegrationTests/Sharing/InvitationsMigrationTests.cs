using Microsoft.EntityFrameworkCore;
using Npgsql;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.IntegrationTests.Sharing;

/// <summary>ADR-0031: vault_invitations moves from the vault schema to the sharing schema with its rows, indexes and foreign key.</summary>
public sealed class InvitationsMigrationTests : MigrationTestDatabase
{
    [Test]
    public async Task ShouldMoveAPopulatedInvitationsTableToTheSharingSchema()
    {
        await using (var vault = VaultContext()) await MigrateToBeforeAsync(vault, "_MoveInvitationsToSharing");

        var (vaultId, invitationId, tenant, admin) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await ExecuteAsync($"""
            INSERT INTO vault.vaults (id, tenant_id, owner_id, created_by, kind, key_epoch, revision, metadata_revision, purged_through_revision, created_at, updated_at)
            VALUES ('{vaultId}', '{tenant}', '{admin}', '{admin}', 'Shared', 1, 1, 0, 0, now(), now());
            INSERT INTO vault.vault_invitations (id, vault_id, tenant_id, invitee, permission, invited_by, created_at, status)
            VALUES ('{invitationId}', '{vaultId}', '{tenant}', 'carol@example.test', 'Write', '{admin}', now(), 'Pending');
            """);

        await using (var vault = VaultContext())
        {
            await vault.Database.MigrateAsync();
            Assert.That(vault.Database.HasPendingModelChanges(), Is.False, "the Vault snapshot matches its model");
        }

        await using (var sharing = SharingContext())
        {
            await sharing.Database.MigrateAsync();
            Assert.That(sharing.Database.HasPendingModelChanges(), Is.False, "the Sharing snapshot matches its model");
            var invitation = await sharing.Invitations.AsNoTracking().SingleAsync();
            Assert.Multiple(() =>
            {
                Assert.That(invitation.Id, Is.EqualTo(invitationId));
                Assert.That(invitation.VaultId, Is.EqualTo(vaultId));
                Assert.That(invitation.TenantId, Is.EqualTo(new TenantId(tenant)));
                Assert.That(invitation.Invitee, Is.EqualTo("carol@example.test"));
                Assert.That(invitation.Permission, Is.EqualTo(InvitationPermission.Write));
                Assert.That(invitation.Status, Is.EqualTo(InvitationStatus.Pending));
                Assert.That(invitation.InvitedBy, Is.EqualTo(new UserId(admin)));
            });
        }

        Assert.That(await ScalarAsync("SELECT to_regclass('vault.vault_invitations') IS NULL"), Is.True, "the table moved, no copy stayed behind");
        // The unique index on open invitations moved with the table...
        var duplicate = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"""
            INSERT INTO sharing.vault_invitations (id, vault_id, tenant_id, invitee, permission, invited_by, created_at, status)
            VALUES ('{Guid.NewGuid()}', '{vaultId}', '{tenant}', 'carol@example.test', 'Read', '{admin}', now(), 'Pending')
            """));
        Assert.That(duplicate!.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));
        // ...and so did the foreign key to the vault, with its cascade.
        await ExecuteAsync($"DELETE FROM vault.vaults WHERE id = '{vaultId}'");
        Assert.That(await ScalarAsync("SELECT count(*) = 0 FROM sharing.vault_invitations"), Is.True);
    }
}
