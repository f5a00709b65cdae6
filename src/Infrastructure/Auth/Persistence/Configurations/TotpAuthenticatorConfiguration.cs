using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Mfa;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class TotpAuthenticatorConfiguration : IEntityTypeConfiguration<TotpAuthenticator>
{
    public void Configure(EntityTypeBuilder<TotpAuthenticator> builder)
    {
        builder.ToTable("totp_authenticators");
        builder.HasKey(t => t.UserId);
        builder.Property(t => t.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.HasOne<User>().WithOne().HasForeignKey<TotpAuthenticator>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.ConfirmedAt).HasColumnName("confirmed_at");
        builder.Property(t => t.LastAcceptedTimeStep).HasColumnName("last_accepted_time_step");
        builder.Ignore(t => t.IsEnabled);
    }
}
