using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Infrastructure.Encryption.Persistence.Configurations;

/// <summary>The spec's table <c>Encryption</c>.</summary>
internal sealed class EncryptionContextConfiguration : IEntityTypeConfiguration<EncryptionContext>
{
    public void Configure(EntityTypeBuilder<EncryptionContext> builder)
    {
        builder.ToTable("encryptions");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(c => c.TenantId).HasColumnName("tenant_id").HasConversion(id => id.Value, v => new TenantId(v));
        builder.Property(c => c.EncryptionId).HasColumnName("encryption_id").HasMaxLength(EncryptionContext.MaxEncryptionIdLength);
        builder.HasIndex(c => new { c.TenantId, c.EncryptionId }).IsUnique();
        builder.Property(c => c.Protection).HasColumnName("protection").HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.LatestVersion).HasColumnName("latest_version");
        builder.Property(c => c.MinDecryptionVersion).HasColumnName("min_decryption_version");
        builder.Property(c => c.CreatedAt).HasColumnName("created_at");
        builder.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        builder.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.ContextId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Versions).HasField("versions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
