using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Entries;

namespace PasswordManager.Infrastructure.Vault.Persistence.Configurations;

internal sealed class EntryConfiguration : IEntityTypeConfiguration<Entry>
{
    public void Configure(EntityTypeBuilder<Entry> builder)
    {
        builder.ToTable("entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id");
        builder.Property(e => e.VaultId).HasColumnName("vault_id");
        builder.HasOne<Domain.Vault.Vaults.Vault>().WithMany().HasForeignKey(e => e.VaultId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Version).HasColumnName("version");
        builder.Property(e => e.KeyEpoch).HasColumnName("key_epoch");
        builder.Property(e => e.CiphertextSize).HasColumnName("ciphertext_size");
        builder.Property(e => e.InlineCiphertext).HasColumnName("ciphertext");
        builder.Property(e => e.BlobKey).HasColumnName("blob_key").HasMaxLength(200);
        builder.Property(e => e.NameIndex).HasColumnName("name_index").HasMaxLength(EntryNameIndex.Length);
        builder.Property(e => e.Deleted).HasColumnName("deleted");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at");
        builder.Property(e => e.UpdatedAt).HasColumnName("updated_at");
        builder.Property(e => e.UpdatedBy).HasColumnName("updated_by").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(e => e.Revision).HasColumnName("revision");
        builder.Ignore(e => e.Ciphertext);
        // Delta sync reads (vault, revision > cursor) in revision order; revisions are unique within a vault.
        builder.HasIndex(e => new { e.VaultId, e.Revision }).IsUnique();
        builder.HasIndex(e => new { e.VaultId, e.Id });
        // Lookups by blind name index (?nameIndex=); entries written without one stay out of the index.
        builder.HasIndex(e => new { e.VaultId, e.NameIndex }).HasFilter("name_index IS NOT NULL");
    }
}
