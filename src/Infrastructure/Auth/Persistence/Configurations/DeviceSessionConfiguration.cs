using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class DeviceSessionConfiguration : IEntityTypeConfiguration<DeviceSession>
{
    public void Configure(EntityTypeBuilder<DeviceSession> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.DeviceId).HasColumnName("device_id");
        builder.Property(s => s.DeviceName).HasColumnName("device_name").HasMaxLength(100);
        builder.Property(s => s.DeviceType).HasColumnName("device_type").HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.LastSeenAt).HasColumnName("last_seen_at");
        builder.Property(s => s.RevokedAt).HasColumnName("revoked_at");
        builder.Property(s => s.RevocationReason).HasColumnName("revocation_reason").HasMaxLength(32);
        builder.HasIndex(s => new { s.UserId, s.RevokedAt });
    }
}
