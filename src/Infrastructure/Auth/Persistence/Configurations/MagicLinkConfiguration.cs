using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Email;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class MagicLinkConfiguration : IEntityTypeConfiguration<MagicLink>
{
    public void Configure(EntityTypeBuilder<MagicLink> builder)
    {
        builder.ToTable("magic_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasColumnName("id");
        builder.Property(l => l.TokenHash).HasColumnName("token_hash");
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.Property(l => l.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.VerifierChallenge).HasColumnName("verifier_challenge");
        builder.Property(l => l.DeviceId).HasColumnName("device_id");
        builder.Property(l => l.DeviceName).HasColumnName("device_name").HasMaxLength(100);
        builder.Property(l => l.DeviceType).HasColumnName("device_type").HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.CreatedAt).HasColumnName("created_at");
        builder.Property(l => l.ExpiresAt).HasColumnName("expires_at");
        builder.Property(l => l.UsedAt).HasColumnName("used_at");
    }
}
