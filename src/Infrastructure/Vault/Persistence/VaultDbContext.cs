using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PasswordManager.Application.Vault;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.Exposure;
using PasswordManager.Domain.Vault.Invitations;
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

    public DbSet<VaultInvitation> Invitations => Set<VaultInvitation>();

    public DbSet<RekeySession> RekeySessions => Set<RekeySession>();

    public DbSet<StagedEntry> StagedEntries => Set<StagedEntry>();

    public DbSet<StagedAttachment> StagedAttachments => Set<StagedAttachment>();

    public async Task RecordFetchesAsync(
        UserId user, IReadOnlyCollection<FetchedEntry> fetches, DateTimeOffset now, TimeSpan resolution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetches);
        if (fetches.Count == 0) return;
        var (vaults, entries, versions) = (new Guid[fetches.Count], new Guid[fetches.Count], new long[fetches.Count]);
        var i = 0;
        foreach (var fetch in fetches) (vaults[i], entries[i], versions[i++]) = (fetch.VaultId, fetch.EntryId, fetch.Version);
        var (userId, stale) = (user.Value, now - resolution);
        // Grouped (one row per key, as ON CONFLICT requires) and ordered, so concurrent requests of one user
        // take the row locks in the same order and cannot deadlock. A row seen again within the resolution at a
        // version it already has is left alone: repeated syncs write nothing.
        await Database.ExecuteSqlAsync($"""
            INSERT INTO vault.entry_fetches AS f (vault_id, user_id, entry_id, version, first_fetched_at, last_fetched_at)
            SELECT t.vault_id, {userId}, t.entry_id, max(t.version), {now}, {now}
            FROM unnest({vaults}, {entries}, {versions}) AS t(vault_id, entry_id, version)
            GROUP BY t.vault_id, t.entry_id
            ORDER BY t.vault_id, t.entry_id
            ON CONFLICT (vault_id, user_id, entry_id) DO UPDATE
            SET version = GREATEST(f.version, excluded.version), last_fetched_at = excluded.last_fetched_at
            WHERE f.version < excluded.version OR f.last_fetched_at <= {stale}
            """, cancellationToken);
    }

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
