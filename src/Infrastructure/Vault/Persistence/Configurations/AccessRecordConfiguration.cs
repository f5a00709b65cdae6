using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Infrastructure.Vault.Persistence.Configurations;

internal sealed class AccessRecordConfiguration : IEntityTypeConfiguration<AccessRecord>
{
    public void Configure(EntityTypeBuilder<AccessRecord> builder)
    {
        builder.ToTable("access_records");
        builder.HasKey(r => new { r.VaultId, r.UserId });
        builder.Property(r => r.VaultId).HasColumnName("vault_id");
        builder.HasOne<Domain.Vault.Vaults.Vault>().WithMany().HasForeignKey(r => r.VaultId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(r => r.Permission).HasColumnName("permission").HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.KeyEpoch).HasColumnName("key_epoch");
        builder.Property(r => r.WrappedKey).HasColumnName("wrapped_key");
        builder.Property(r => r.GranterId).HasColumnName("granter_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(r => r.GranterSignature).HasColumnName("granter_signature");
        builder.Property(r => r.ExpiresAt).HasColumnName("expires_at");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        builder.Property(r => r.Revision).HasColumnName("revision");
        builder.Property(r => r.RevokedAt).HasColumnName("revoked_at");
        builder.HasIndex(r => r.UserId);
    }
}
