using Microsoft.EntityFrameworkCore;
using Npgsql;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Domain.Common;

namespace PasswordManager.IntegrationTests.Sharing;

/// <summary>ADR-0031: entry_fetches (the access log) moves from the vault schema to the sharing schema with its rows, keys, index and foreign key.</summary>
public sealed class AccessLogMigrationTests : MigrationTestDatabase
{
    [Test]
    public async Task ShouldMoveAPopulatedAccessLogToTheSharingSchema()
    {
        await using (var vault = VaultContext()) await MigrateToBeforeAsync(vault, "_MoveEntryFetchesToSharing");
        await using (var sharing = SharingContext()) await MigrateToBeforeAsync(sharing, "_TakeOverEntryFetches");

        var (vaultId, tenant, admin, reader, entry, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (first, last) = (new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero));
        await ExecuteAsync($"""
            INSERT INTO vault.vaults (id, tenant_id, owner_id, created_by, kind, key_epoch, revision, metadata_revision, purged_through_revision, created_at, updated_at)
            VALUES ('{vaultId}', '{tenant}', '{admin}', '{admin}', 'Shared', 1, 1, 0, 0, now(), now());
            INSERT INTO vault.entry_fetches (vault_id, user_id, entry_id, version, first_fetched_at, last_fetched_at)
            VALUES ('{vaultId}', '{reader}', '{entry}', 3, '{first:O}', '{last:O}'),
                   ('{vaultId}', '{admin}', '{other}', 1, '{first:O}', '{first:O}');
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
            var fetch = await sharing.EntryFetches.AsNoTracking().SingleAsync(f => f.UserId == new UserId(reader));
            Assert.Multiple(() =>
            {
                Assert.That(fetch.VaultId, Is.EqualTo(vaultId));
                Assert.That(fetch.EntryId, Is.EqualTo(entry));
                Assert.That(fetch.Version, Is.EqualTo(3));
                Assert.That(fetch.FirstFetchedAt, Is.EqualTo(first));
                Assert.That(fetch.LastFetchedAt, Is.EqualTo(last));
            });
            Assert.That(await sharing.EntryFetches.CountAsync(), Is.EqualTo(2));

            // The recorder's upsert works on the moved table: its ON CONFLICT needs the primary key that came along.
            var now = last.AddDays(1);
            await sharing.RecordFetchesAsync(new UserId(reader), [new FetchedEntry(vaultId, entry, 4)], now, TimeSpan.FromMinutes(15), CancellationToken.None);
            var updated = await sharing.EntryFetches.AsNoTracking().SingleAsync(f => f.UserId == new UserId(reader));
            Assert.That((updated.Version, updated.FirstFetchedAt, updated.LastFetchedAt), Is.EqualTo((4L, first, now)));
        }

        Assert.That(await ScalarAsync("SELECT to_regclass('vault.entry_fetches') IS NULL"), Is.True, "the table moved, no copy stayed behind");
        Assert.That(await ScalarAsync(
            "SELECT count(*) = 1 FROM pg_indexes WHERE schemaname = 'sharing' AND indexname = 'IX_entry_fetches_last_fetched_at'"), Is.True,
            "the retention purge's index moved with the table");
        var duplicate = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"""
            INSERT INTO sharing.entry_fetches (vault_id, user_id, entry_id, version, first_fetched_at, last_fetched_at)
            VALUES ('{vaultId}', '{reader}', '{entry}', 9, now(), now())
            """));
        Assert.That(duplicate!.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));
        await ExecuteAsync($"DELETE FROM vault.vaults WHERE id = '{vaultId}'");
        Assert.That(await ScalarAsync("SELECT count(*) = 0 FROM sharing.entry_fetches"), Is.True, "a deleted vault still takes its access log");
    }
}
