using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class UsernameReservationConfiguration : IEntityTypeConfiguration<UsernameReservation>
{
    public void Configure(EntityTypeBuilder<UsernameReservation> builder)
    {
        builder.ToTable("username_reservations");
        builder.HasKey(r => r.NormalizedUsername);
        builder.Property(r => r.NormalizedUsername).HasColumnName("normalized_username").HasMaxLength(Username.MaxLength);
        builder.Property(r => r.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.HasIndex(r => r.UserId);
        builder.Property(r => r.ReservedUntil).HasColumnName("reserved_until");
    }
}
