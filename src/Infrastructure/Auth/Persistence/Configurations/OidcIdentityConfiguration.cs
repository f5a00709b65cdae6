using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Oidc;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class OidcIdentityConfiguration : IEntityTypeConfiguration<OidcIdentity>
{
    public void Configure(EntityTypeBuilder<OidcIdentity> builder)
    {
        builder.ToTable("oidc_identities");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasColumnName("id");
        builder.Property(i => i.UserId).HasColumnName("user_id").HasConversion(id => id.Value, v => new UserId(v));
        builder.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.UserId);
        builder.Property(i => i.Provider).HasColumnName("provider").HasMaxLength(100);
        builder.Property(i => i.Issuer).HasColumnName("issuer").HasMaxLength(500);
        builder.Property(i => i.Subject).HasColumnName("subject").HasMaxLength(255);
        builder.HasIndex(i => new { i.Issuer, i.Subject }).IsUnique();
        builder.Property(i => i.Email).HasColumnName("email").HasMaxLength(320);
        builder.Property(i => i.LinkedAt).HasColumnName("linked_at");
        builder.Property(i => i.LastUsedAt).HasColumnName("last_used_at");
    }
}
