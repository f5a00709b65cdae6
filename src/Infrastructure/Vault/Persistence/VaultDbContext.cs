using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PasswordManager.Application.Vault;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Entries;
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

    public async Task<IVaultWriteLock?> LockVaultAsync(Guid vaultId, CancellationToken cancellationToken)
    {
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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(VaultDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(VaultDbContext).Namespace!, StringComparison.Ordinal) == true);
    }

    private sealed class WriteLock(VaultDbContext db, IDbContextTransaction transaction, Domain.Vault.Vaults.Vault vault) : IVaultWriteLock
    {
        public Domain.Vault.Vaults.Vault Vault => vault;

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
        }
    }
}
