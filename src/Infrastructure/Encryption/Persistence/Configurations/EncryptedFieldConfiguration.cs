using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Infrastructure.Encryption.Persistence.Configurations;

internal sealed class EncryptedFieldConfiguration : IEntityTypeConfiguration<EncryptedField>
{
    public void Configure(EntityTypeBuilder<EncryptedField> builder)
    {
        builder.ToTable("encrypted_fields");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(f => f.TenantId).HasColumnName("tenant_id").HasConversion(id => id.Value, v => new TenantId(v));
        builder.Property(f => f.Module).HasColumnName("module").HasMaxLength(EncryptedField.MaxNameLength);
        builder.Property(f => f.Field).HasColumnName("field").HasMaxLength(EncryptedField.MaxNameLength);
        builder.Property(f => f.RecordKey).HasColumnName("record_key").HasMaxLength(EncryptedField.MaxRecordKeyLength);
        builder.HasIndex(f => new { f.TenantId, f.Module, f.Field, f.RecordKey }).IsUnique();
        builder.Property(f => f.EncryptionId).HasColumnName("encryption_id").HasMaxLength(EncryptionContext.MaxEncryptionIdLength);
        builder.HasIndex(f => new { f.TenantId, f.EncryptionId, f.VersionId });
        builder.Property(f => f.VersionId).HasColumnName("version_id");
        builder.Property(f => f.CipherText).HasColumnName("cipher_text");
        builder.Property(f => f.Nonce).HasColumnName("nonce");
        builder.Property(f => f.UpdatedAt).HasColumnName("updated_at");
    }
}
