using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Application.Sharing;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Sharing.AccessLog;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.Infrastructure.Sharing.Persistence;

public sealed class SharingDbContext(DbContextOptions<SharingDbContext> options) : DbContext(options), ISharingDbContext
{
    internal const string Schema = "sharing";

    public DbSet<VaultInvitation> Invitations => Set<VaultInvitation>();

    public DbSet<EntryFetch> EntryFetches => Set<EntryFetch>();

    public async Task RecordFetchesAsync(
        UserId user, IReadOnlyCollection<FetchedEntry> fetches, DateTimeOffset now, TimeSpan resolution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetches);
        if (fetches.Count == 0) return;
        var (vaults, entries, versions) = (new Guid[fetches.Count], new Guid[fetches.Count], new long[fetches.Count]);
        var i = 0;
        foreach (var fetch in fetches) (vaults[i], entries[i], versions[i++]) = (fetch.VaultId, fetch.EntryId, fetch.Version);
        var (userId, stale) = (user.Value, now - resolution);
        // Only rows that need it are written: new ones are inserted, and existing ones updated when the version
        // grew or the last fetch is older than the resolution, so a repeated sync takes no row lock and writes
        // nothing. Rows are locked in key order, so concurrent requests of one user cannot deadlock.
        await Database.ExecuteSqlAsync($"""
            WITH t AS (
                SELECT u.vault_id, u.entry_id, max(u.version) AS version
                FROM unnest({vaults}, {entries}, {versions}) AS u(vault_id, entry_id, version)
                GROUP BY u.vault_id, u.entry_id),
            due AS (
                SELECT f.vault_id, f.entry_id, t.version FROM sharing.entry_fetches f
                JOIN t ON f.vault_id = t.vault_id AND f.entry_id = t.entry_id
                WHERE f.user_id = {userId} AND (f.version < t.version OR f.last_fetched_at <= {stale})
                ORDER BY f.vault_id, f.entry_id
                FOR UPDATE OF f),
            refreshed AS (
                UPDATE sharing.entry_fetches f SET version = GREATEST(f.version, due.version), last_fetched_at = {now}
                FROM due WHERE f.vault_id = due.vault_id AND f.user_id = {userId} AND f.entry_id = due.entry_id)
            INSERT INTO sharing.entry_fetches (vault_id, user_id, entry_id, version, first_fetched_at, last_fetched_at)
            SELECT t.vault_id, {userId}, t.entry_id, t.version, {now}, {now} FROM t
            WHERE NOT EXISTS (
                SELECT 1 FROM sharing.entry_fetches f WHERE f.vault_id = t.vault_id AND f.user_id = {userId} AND f.entry_id = t.entry_id)
            ORDER BY t.vault_id, t.entry_id
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }

    public void JoinTransaction(DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (Database.CurrentTransaction?.GetDbTransaction() == transaction) return;
        Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
        Database.UseTransaction(transaction);
    }

    public async Task<ISharingTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        new Transaction(await Database.BeginTransactionAsync(cancellationToken));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(SharingDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(SharingDbContext).Namespace!, StringComparison.Ordinal) == true);
    }

    private sealed class Transaction(IDbContextTransaction transaction) : ISharingTransaction
    {
        public DbTransaction Shared => transaction.GetDbTransaction();

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
