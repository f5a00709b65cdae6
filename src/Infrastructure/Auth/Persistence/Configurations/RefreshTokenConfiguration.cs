using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Sessions;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id");
        builder.Property(t => t.SessionId).HasColumnName("session_id");
        builder.HasOne<DeviceSession>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.TokenHash).HasColumnName("token_hash");
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.IssuedAt).HasColumnName("issued_at");
        builder.Property(t => t.ExpiresAt).HasColumnName("expires_at");
        // Two refreshes racing on one token: only the first UPDATE ... WHERE used_at IS NULL wins.
        builder.Property(t => t.UsedAt).HasColumnName("used_at").IsConcurrencyToken();
        builder.HasIndex(t => new { t.SessionId, t.UsedAt });
    }
}
