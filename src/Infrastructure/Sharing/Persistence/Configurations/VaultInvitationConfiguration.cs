using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Sharing.Invitations;

namespace PasswordManager.Infrastructure.Sharing.Persistence.Configurations;

internal sealed class VaultInvitationConfiguration : IEntityTypeConfiguration<VaultInvitation>
{
    public void Configure(EntityTypeBuilder<VaultInvitation> builder)
    {
        // The foreign key to vault.vaults (cascade: a deleted vault takes its invitations) is in the database only:
        // it came with the table from the vault schema (ADR-0031), and no model of this module knows the vault.
        builder.ToTable("vault_invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasColumnName("id");
        builder.Property(i => i.VaultId).HasColumnName("vault_id");
        builder.Property(i => i.TenantId).HasColumnName("tenant_id").HasConversion(id => id.Value, v => new TenantId(v));
        builder.Property(i => i.Invitee).HasColumnName("invitee").HasMaxLength(320);
        builder.Property(i => i.Permission).HasColumnName("permission").HasConversion<string>().HasMaxLength(8);
        builder.Property(i => i.ExpiresAt).HasColumnName("expires_at");
        builder.Property(i => i.InvitedBy).HasColumnName("invited_by").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(i => i.CreatedAt).HasColumnName("created_at");
        builder.Property(i => i.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.AcceptedUserId).HasColumnName("accepted_user_id").HasConversion(id => id!.Value.Value, v => new UserId(v));
        builder.Property(i => i.AcceptedAt).HasColumnName("accepted_at");
        // One open invitation per invitee and vault; the invitee's own listing looks them up by identifier.
        builder.HasIndex(i => new { i.VaultId, i.Invitee }).IsUnique().HasFilter("status = 'Pending'");
        builder.HasIndex(i => new { i.TenantId, i.Invitee });
    }
}
