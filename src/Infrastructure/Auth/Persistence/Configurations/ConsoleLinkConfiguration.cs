using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Administration;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class ConsoleLinkConfiguration : IEntityTypeConfiguration<ConsoleLink>
{
    public void Configure(EntityTypeBuilder<ConsoleLink> builder)
    {
        builder.ToTable("console_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasColumnName("id");
        builder.Property(l => l.TokenHash).HasColumnName("token_hash");
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.Property(l => l.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.SessionId).HasColumnName("session_id");
        builder.HasOne<DeviceSession>().WithMany().HasForeignKey(l => l.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.InstanceAdministrator).HasColumnName("instance_administrator");
        builder.Property(l => l.CreatedAt).HasColumnName("created_at");
        builder.Property(l => l.ExpiresAt).HasColumnName("expires_at");
        builder.Property(l => l.UsedAt).HasColumnName("used_at");
    }
}
