using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasColumnName("id").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(u => u.TenantId).HasColumnName("tenant_id").HasConversion(id => id.Value, v => new TenantId(v));
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(u => u.Username).HasColumnName("username").HasMaxLength(Username.MaxLength);
        builder.Property(u => u.NormalizedUsername).HasColumnName("normalized_username").HasMaxLength(Username.MaxLength);
        builder.HasIndex(u => u.NormalizedUsername).IsUnique();
        builder.Property(u => u.Email).HasColumnName("email").HasMaxLength(254);
        builder.HasIndex(u => u.Email);
        builder.Property(u => u.EmailVerifiedAt).HasColumnName("email_verified_at");
        builder.Property(u => u.EmailVerificationHash).HasColumnName("email_verification_hash");
        builder.HasIndex(u => u.EmailVerificationHash).IsUnique().HasFilter("email_verification_hash IS NOT NULL");
        builder.Property(u => u.EmailVerificationExpiresAt).HasColumnName("email_verification_expires_at");
        builder.Property(u => u.Role).HasColumnName("role").HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.AuthVerifier).HasColumnName("auth_verifier").HasMaxLength(200);
        builder.ComplexProperty(u => u.Kdf, kdf =>
        {
            kdf.Property(k => k.MemoryKiB).HasColumnName("kdf_memory_kib");
            kdf.Property(k => k.Iterations).HasColumnName("kdf_iterations");
            kdf.Property(k => k.Parallelism).HasColumnName("kdf_parallelism");
        });
        builder.Property(u => u.KdfSalt).HasColumnName("kdf_salt");
        builder.Property(u => u.EncryptedUserKey).HasColumnName("encrypted_user_key");
        builder.Property(u => u.EncryptedPrivateKeys).HasColumnName("encrypted_private_keys");
        builder.Property(u => u.PublicKeyBundle).HasColumnName("public_key_bundle");
        builder.Property(u => u.KeyHandovers).HasColumnName("key_handovers");
        builder.Property(u => u.PasswordHint).HasColumnName("password_hint").HasMaxLength(120);
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.Property(u => u.UpdatedAt).HasColumnName("updated_at");
        builder.Property(u => u.DisabledAt).HasColumnName("disabled_at");
    }
}
