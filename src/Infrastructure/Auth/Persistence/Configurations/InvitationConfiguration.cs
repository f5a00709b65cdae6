using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Tenants;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasColumnName("id");
        builder.Property(i => i.TenantId).HasColumnName("tenant_id").HasConversion(id => id.Value, v => new TenantId(v));
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.CodeHash).HasColumnName("code_hash");
        builder.HasIndex(i => i.CodeHash).IsUnique();
        builder.Property(i => i.Role).HasColumnName("role").HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Email).HasColumnName("email").HasMaxLength(254);
        builder.Property(i => i.CreatedBy).HasColumnName("created_by").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(i => i.CreatedAt).HasColumnName("created_at");
        builder.Property(i => i.ExpiresAt).HasColumnName("expires_at");
        builder.Property(i => i.UsedAt).HasColumnName("used_at").IsConcurrencyToken();
        builder.Property(i => i.UsedBy).HasColumnName("used_by")
            .HasConversion(id => id == null ? (Guid?)null : id.Value.Value, v => v == null ? null : new UserId(v.Value));
    }
}
