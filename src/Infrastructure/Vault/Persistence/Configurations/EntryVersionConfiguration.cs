using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Entries;

namespace PasswordManager.Infrastructure.Vault.Persistence.Configurations;

internal sealed class EntryVersionConfiguration : IEntityTypeConfiguration<EntryVersion>
{
    public void Configure(EntityTypeBuilder<EntryVersion> builder)
    {
        builder.ToTable("entry_versions");
        builder.HasKey(v => new { v.EntryId, v.Version });
        builder.Property(v => v.EntryId).HasColumnName("entry_id");
        builder.HasOne<Entry>().WithMany().HasForeignKey(v => v.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.VaultId).HasColumnName("vault_id");
        builder.Property(v => v.Version).HasColumnName("version");
        builder.Property(v => v.KeyEpoch).HasColumnName("key_epoch");
        builder.Property(v => v.CiphertextSize).HasColumnName("ciphertext_size");
        builder.Property(v => v.InlineCiphertext).HasColumnName("ciphertext");
        builder.Property(v => v.BlobKey).HasColumnName("blob_key").HasMaxLength(200);
        builder.Property(v => v.CreatedAt).HasColumnName("created_at");
        builder.Property(v => v.CreatedBy).HasColumnName("created_by").HasConversion(id => id.Value, v => new UserId(v));
        builder.Ignore(v => v.Ciphertext);
    }
}
