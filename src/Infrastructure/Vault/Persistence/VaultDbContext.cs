using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Application.Vault;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.Exposure;
using PasswordManager.Domain.Vault.History;
using PasswordManager.Domain.Vault.RekeySessions;
using PasswordManager.Domain.Vault.Storage;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Infrastructure.Vault.Persistence;

public sealed class VaultDbContext(DbContextOptions<VaultDbContext> options) : DbContext(options), IVaultDbContext
{
    internal const string Schema = "vault";

    public DbSet<Domain.Vault.Vaults.Vault> Vaults => Set<Domain.Vault.Vaults.Vault>();

    public DbSet<AccessRecord> AccessRecords => Set<AccessRecord>();

    public DbSet<Entry> Entries => Set<Entry>();

    public DbSet<EntryVersion> EntryVersions => Set<EntryVersion>();

    public DbSet<BlobGarbage> BlobGarbage => Set<BlobGarbage>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<EntryFetch> EntryFetches => Set<EntryFetch>();

    public DbSet<RekeySession> RekeySessions => Set<RekeySession>();

    public DbSet<StagedEntry> StagedEntries => Set<StagedEntry>();

    public DbSet<StagedAttachment> StagedAttachments => Set<StagedAttachment>();

    public DbSet<StoredHistoryRecord> HistoryRecords => Set<StoredHistoryRecord>();

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
                SELECT f.vault_id, f.entry_id, t.version FROM vault.entry_fetches f
                JOIN t ON f.vault_id = t.vault_id AND f.entry_id = t.entry_id
                WHERE f.user_id = {userId} AND (f.version < t.version OR f.last_fetched_at <= {stale})
                ORDER BY f.vault_id, f.entry_id
                FOR UPDATE OF f),
            refreshed AS (
                UPDATE vault.entry_fetches f SET version = GREATEST(f.version, due.version), last_fetched_at = {now}
                FROM due WHERE f.vault_id = due.vault_id AND f.user_id = {userId} AND f.entry_id = due.entry_id)
            INSERT INTO vault.entry_fetches (vault_id, user_id, entry_id, version, first_fetched_at, last_fetched_at)
            SELECT t.vault_id, {userId}, t.entry_id, t.version, {now}, {now} FROM t
            WHERE NOT EXISTS (
                SELECT 1 FROM vault.entry_fetches f WHERE f.vault_id = t.vault_id AND f.user_id = {userId} AND f.entry_id = t.entry_id)
            ORDER BY t.vault_id, t.entry_id
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }

    /// <summary>Set when the context is resolved as <see cref="IVaultDbContext"/>; audited vault changes need it.</summary>
    internal IAuditTrail? AuditTrail { get; set; }

    public void JoinTransaction(System.Data.Common.DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
        Database.UseTransaction(transaction);
    }

    public async Task<IVaultWriteLock?> LockVaultAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null)
        {
            var joined = await Vaults.FromSql($"SELECT * FROM vault.vaults WHERE id = {vaultId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
            return joined is null ? null : new WriteLock(this, null, joined);
        }

        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var vault = await Vaults.FromSql($"SELECT * FROM vault.vaults WHERE id = {vaultId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
            if (vault is not null) return new WriteLock(this, transaction, vault);
            await transaction.DisposeAsync();
            return null;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public async Task<IVaultTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        new Transaction(await Database.BeginTransactionAsync(cancellationToken));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(VaultDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(VaultDbContext).Namespace!, StringComparison.Ordinal) == true);
    }

    private sealed class Transaction(IDbContextTransaction transaction) : IVaultTransaction
    {
        public System.Data.Common.DbTransaction Shared => transaction.GetDbTransaction();

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }

    /// <summary>A null <paramref name="transaction"/>: the lock lives in a joined transaction that its owner commits.</summary>
    private sealed class WriteLock(VaultDbContext db, IDbContextTransaction? transaction, Domain.Vault.Vaults.Vault vault) : IVaultWriteLock
    {
        private readonly List<AuditRecord> audit = [];

        public Domain.Vault.Vaults.Vault Vault => vault;

        public void Audit(AuditRecord record) => audit.Add(record);
        public System.Data.Common.DbTransaction Transaction => db.Database.CurrentTransaction!.GetDbTransaction();

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await db.SaveChangesAsync(cancellationToken);
            if (audit.Count > 0)
            {
                var trail = db.AuditTrail ?? throw new InvalidOperationException("Audited vault changes go through IVaultDbContext, which carries the audit trail.");
                await trail.AppendAsync(db.Database.CurrentTransaction!.GetDbTransaction(), audit, cancellationToken);
                audit.Clear();
            }

            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (transaction is not null) await transaction.DisposeAsync();
        }
    }
}
