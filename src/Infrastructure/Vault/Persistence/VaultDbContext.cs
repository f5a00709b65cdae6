using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PasswordManager.Application.Contracts.Auth.Audit;
using PasswordManager.Application.Vault;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Entries;
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

    public DbSet<RekeySession> RekeySessions => Set<RekeySession>();

    public DbSet<StagedEntry> StagedEntries => Set<StagedEntry>();

    public DbSet<StagedAttachment> StagedAttachments => Set<StagedAttachment>();

    public DbSet<StoredHistoryRecord> HistoryRecords => Set<StoredHistoryRecord>();

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
