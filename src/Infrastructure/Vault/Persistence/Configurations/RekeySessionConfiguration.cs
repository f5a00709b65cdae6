using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.RekeySessions;

namespace PasswordManager.Infrastructure.Vault.Persistence.Configurations;

internal sealed class RekeySessionConfiguration : IEntityTypeConfiguration<RekeySession>
{
    public void Configure(EntityTypeBuilder<RekeySession> builder)
    {
        builder.ToTable("rekey_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.VaultId).HasColumnName("vault_id");
        builder.HasOne<Domain.Vault.Vaults.Vault>().WithMany().HasForeignKey(s => s.VaultId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.CreatedBy).HasColumnName("created_by").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(s => s.FromKeyEpoch).HasColumnName("from_key_epoch");
        builder.Property(s => s.Revoke).HasColumnName("revoke");
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.ExpiresAt).HasColumnName("expires_at");
        // One session per vault, enforced by the database as well as the handler.
        builder.HasIndex(s => s.VaultId).IsUnique();
        builder.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed class StagedEntryConfiguration : IEntityTypeConfiguration<StagedEntry>
{
    public void Configure(EntityTypeBuilder<StagedEntry> builder)
    {
        builder.ToTable("rekey_staged_entries");
        builder.HasKey(e => new { e.SessionId, e.EntryId });
        builder.Property(e => e.SessionId).HasColumnName("session_id");
        builder.HasOne<RekeySession>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.EntryId).HasColumnName("entry_id");
        builder.Property(e => e.ReplacesVersion).HasColumnName("replaces_version");
        builder.Property(e => e.CiphertextSize).HasColumnName("ciphertext_size");
        builder.Property(e => e.InlineCiphertext).HasColumnName("ciphertext");
        builder.Property(e => e.BlobKey).HasColumnName("blob_key").HasMaxLength(200);
        builder.Property(e => e.NameIndex).HasColumnName("name_index").HasMaxLength(EntryNameIndex.Length);
        builder.Property(e => e.UploadedAt).HasColumnName("uploaded_at");
        builder.Ignore(e => e.Ciphertext);
    }
}

internal sealed class StagedAttachmentConfiguration : IEntityTypeConfiguration<StagedAttachment>
{
    public void Configure(EntityTypeBuilder<StagedAttachment> builder)
    {
        builder.ToTable("rekey_staged_attachments");
        builder.HasKey(a => new { a.SessionId, a.AttachmentId });
        builder.Property(a => a.SessionId).HasColumnName("session_id");
        builder.HasOne<RekeySession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.AttachmentId).HasColumnName("attachment_id");
        builder.Property(a => a.Size).HasColumnName("size");
        builder.Property(a => a.BlobKey).HasColumnName("blob_key").HasMaxLength(200);
        builder.Property(a => a.UploadedAt).HasColumnName("uploaded_at");
    }
}
