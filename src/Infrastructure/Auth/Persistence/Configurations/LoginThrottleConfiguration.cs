using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Throttling;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class LoginThrottleConfiguration : IEntityTypeConfiguration<LoginThrottle>
{
    public void Configure(EntityTypeBuilder<LoginThrottle> builder)
    {
        builder.ToTable("login_throttles");
        builder.HasKey(t => t.AccountKey);
        builder.Property(t => t.AccountKey).HasColumnName("account_key").HasMaxLength(256);
        builder.Property(t => t.Failures).HasColumnName("failures");
        builder.Property(t => t.LastFailureAt).HasColumnName("last_failure_at");
        builder.Property(t => t.BlockedUntil).HasColumnName("blocked_until");
    }
}
