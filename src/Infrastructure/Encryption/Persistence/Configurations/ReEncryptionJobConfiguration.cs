using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Infrastructure.Encryption.Persistence.Configurations;

internal sealed class ReEncryptionJobConfiguration : IEntityTypeConfiguration<ReEncryptionJob>
{
    public void Configure(EntityTypeBuilder<ReEncryptionJob> builder)
    {
        builder.ToTable("reencryption_jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(j => j.TenantId).HasColumnName("tenant_id").HasConversion(id => id.Value, v => new TenantId(v));
        builder.Property(j => j.EncryptionId).HasColumnName("encryption_id").HasMaxLength(EncryptionContext.MaxEncryptionIdLength);
        builder.HasIndex(j => new { j.TenantId, j.EncryptionId }).IsUnique();
        builder.Property(j => j.TargetVersionId).HasColumnName("target_version_id");
        builder.Property(j => j.TargetVersion).HasColumnName("target_version");
        builder.Property(j => j.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(j => j.Status);
        builder.Property(j => j.Cursor).HasColumnName("cursor");
        builder.Property(j => j.Processed).HasColumnName("processed");
        builder.Property(j => j.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(200);
        builder.Property(j => j.LeaseExpiresAt).HasColumnName("lease_expires_at");
        builder.Property(j => j.LastError).HasColumnName("last_error").HasMaxLength(500);
        builder.Property(j => j.CreatedAt).HasColumnName("created_at");
        builder.Property(j => j.UpdatedAt).HasColumnName("updated_at");
        builder.Property(j => j.CompletedAt).HasColumnName("completed_at");
    }
}
