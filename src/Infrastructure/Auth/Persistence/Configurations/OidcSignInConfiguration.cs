using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Oidc;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class OidcSignInConfiguration : IEntityTypeConfiguration<OidcSignIn>
{
    public void Configure(EntityTypeBuilder<OidcSignIn> builder)
    {
        builder.ToTable("oidc_sign_ins");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.StateHash).HasColumnName("state_hash");
        builder.HasIndex(s => s.StateHash).IsUnique();
        builder.Property(s => s.Provider).HasColumnName("provider").HasMaxLength(100);
        builder.Property(s => s.Nonce).HasColumnName("nonce").HasMaxLength(128);
        builder.Property(s => s.CodeVerifier).HasColumnName("code_verifier").HasMaxLength(128);
        builder.Property(s => s.ProviderRedirectUri).HasColumnName("provider_redirect_uri").HasMaxLength(500);
        builder.Property(s => s.ClientRedirectUri).HasColumnName("client_redirect_uri").HasMaxLength(200);
        builder.Property(s => s.DeviceChallenge).HasColumnName("device_challenge");
        builder.Property(s => s.DeviceId).HasColumnName("device_id");
        builder.Property(s => s.DeviceName).HasColumnName("device_name").HasMaxLength(100);
        builder.Property(s => s.DeviceType).HasColumnName("device_type").HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.ExpiresAt).HasColumnName("expires_at");
        builder.Property(s => s.UsedAt).HasColumnName("used_at");
        builder.Property(s => s.Issuer).HasColumnName("issuer").HasMaxLength(500);
        builder.Property(s => s.Subject).HasColumnName("subject").HasMaxLength(255);
        builder.Property(s => s.Email).HasColumnName("email").HasMaxLength(320);
        builder.Property(s => s.IdentityTicketHash).HasColumnName("identity_ticket_hash");
        builder.HasIndex(s => s.IdentityTicketHash).IsUnique();
        builder.Property(s => s.IdentityTicketExpiresAt).HasColumnName("identity_ticket_expires_at");
        builder.Property(s => s.IdentityTicketUsedAt).HasColumnName("identity_ticket_used_at");
    }
}
