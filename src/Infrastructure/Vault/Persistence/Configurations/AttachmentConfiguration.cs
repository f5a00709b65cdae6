using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Attachments;

namespace PasswordManager.Infrastructure.Vault.Persistence.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("attachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property(a => a.VaultId).HasColumnName("vault_id");
        builder.HasOne<Domain.Vault.Vaults.Vault>().WithMany().HasForeignKey(a => a.VaultId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to the entry: entry rows are purged in bulk, and the attachment's blob must go through
        // blob_garbage then rather than vanish from the metadata by a cascade.
        builder.Property(a => a.EntryId).HasColumnName("entry_id");
        builder.Property(a => a.KeyEpoch).HasColumnName("key_epoch");
        builder.Property(a => a.Size).HasColumnName("size");
        builder.Property(a => a.BlobKey).HasColumnName("blob_key").HasMaxLength(200);
        builder.Property(a => a.Deleted).HasColumnName("deleted");
        builder.Property(a => a.CreatedAt).HasColumnName("created_at");
        builder.Property(a => a.CreatedBy).HasColumnName("created_by").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(a => a.UpdatedAt).HasColumnName("updated_at");
        builder.Property(a => a.UpdatedBy).HasColumnName("updated_by").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(a => a.Revision).HasColumnName("revision");
        // Delta sync reads (vault, revision > cursor) in revision order, like entries.
        builder.HasIndex(a => new { a.VaultId, a.Revision }).IsUnique();
        builder.HasIndex(a => new { a.VaultId, a.EntryId });
    }
}
