using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Vault.Persistence.Configurations;

internal sealed class VaultConfiguration : IEntityTypeConfiguration<Domain.Vault.Vaults.Vault>
{
    public void Configure(EntityTypeBuilder<Domain.Vault.Vaults.Vault> builder)
    {
        builder.ToTable("vaults");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasColumnName("id");
        builder.Property(v => v.TenantId).HasColumnName("tenant_id").HasConversion(id => id.Value, v => new TenantId(v));
        builder.Property(v => v.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.CreatedBy).HasColumnName("created_by").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(v => v.OwnerId).HasColumnName("owner_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(v => v.CreatedAt).HasColumnName("created_at");
        builder.Property(v => v.UpdatedAt).HasColumnName("updated_at");
        builder.Property(v => v.Revision).HasColumnName("revision");
        builder.Property(v => v.KeyEpoch).HasColumnName("key_epoch");
        builder.Property(v => v.EncryptedMetadata).HasColumnName("encrypted_metadata");
        builder.Property(v => v.MetadataRevision).HasColumnName("metadata_revision");
        builder.Property(v => v.PurgedThroughRevision).HasColumnName("purged_through_revision");
        // One personal vault per user, enforced by the database as well as the handler.
        builder.HasIndex(v => v.CreatedBy).IsUnique().HasFilter("kind = 'Personal'").HasDatabaseName("ix_vaults_one_personal_per_user");
    }
}
