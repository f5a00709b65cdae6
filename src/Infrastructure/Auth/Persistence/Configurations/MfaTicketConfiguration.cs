using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class MfaTicketConfiguration : IEntityTypeConfiguration<MfaTicket>
{
    public void Configure(EntityTypeBuilder<MfaTicket> builder)
    {
        builder.ToTable("mfa_tickets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id");
        builder.Property(t => t.TokenHash).HasColumnName("token_hash");
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.DeviceId).HasColumnName("device_id");
        builder.Property(t => t.DeviceName).HasColumnName("device_name").HasMaxLength(100);
        builder.Property(t => t.DeviceType).HasColumnName("device_type").HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.ExpiresAt).HasColumnName("expires_at");
        builder.Property(t => t.UsedAt).HasColumnName("used_at");
    }
}
