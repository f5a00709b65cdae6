using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Exposure;

namespace PasswordManager.Infrastructure.Vault.Persistence.Configurations;

internal sealed class EntryFetchConfiguration : IEntityTypeConfiguration<EntryFetch>
{
    public void Configure(EntityTypeBuilder<EntryFetch> builder)
    {
        builder.ToTable("entry_fetches");
        // The upsert in VaultDbContext.RecordFetchesAsync names this key in its ON CONFLICT clause.
        builder.HasKey(f => new { f.VaultId, f.UserId, f.EntryId });
        builder.Property(f => f.VaultId).HasColumnName("vault_id");
        builder.HasOne<Domain.Vault.Vaults.Vault>().WithMany().HasForeignKey(f => f.VaultId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(f => f.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(f => f.EntryId).HasColumnName("entry_id");
        builder.Property(f => f.Version).HasColumnName("version");
        builder.Property(f => f.FirstFetchedAt).HasColumnName("first_fetched_at");
        builder.Property(f => f.LastFetchedAt).HasColumnName("last_fetched_at");
        // The retention purge deletes by age.
        builder.HasIndex(f => f.LastFetchedAt);
    }
}
