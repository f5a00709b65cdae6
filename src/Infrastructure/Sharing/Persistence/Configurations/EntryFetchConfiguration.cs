using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Sharing.AccessLog;

namespace PasswordManager.Infrastructure.Sharing.Persistence.Configurations;

internal sealed class EntryFetchConfiguration : IEntityTypeConfiguration<EntryFetch>
{
    public void Configure(EntityTypeBuilder<EntryFetch> builder)
    {
        // The foreign key to vault.vaults (cascade: a deleted vault takes its access log) is in the database only:
        // it came with the table from the vault schema (ADR-0031), and no model of this module knows the vault.
        builder.ToTable("entry_fetches");
        // The upsert in SharingDbContext.RecordFetchesAsync names this key in its ON CONFLICT clause.
        builder.HasKey(f => new { f.VaultId, f.UserId, f.EntryId });
        builder.Property(f => f.VaultId).HasColumnName("vault_id");
        builder.Property(f => f.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(f => f.EntryId).HasColumnName("entry_id");
        builder.Property(f => f.Version).HasColumnName("version");
        builder.Property(f => f.FirstFetchedAt).HasColumnName("first_fetched_at");
        builder.Property(f => f.LastFetchedAt).HasColumnName("last_fetched_at");
        // The retention purge deletes by age.
        builder.HasIndex(f => f.LastFetchedAt);
    }
}
