using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Infrastructure.Encryption.Persistence.Configurations;

/// <summary>The spec's table <c>EncryptionKeyVersion</c>. Holds wrapped keys only.</summary>
internal sealed class EncryptionKeyVersionConfiguration : IEntityTypeConfiguration<EncryptionKeyVersion>
{
    public void Configure(EntityTypeBuilder<EncryptionKeyVersion> builder)
    {
        builder.ToTable("encryption_key_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(v => v.ContextId).HasColumnName("context_id");
        builder.Property(v => v.Version).HasColumnName("version");
        builder.HasIndex(v => new { v.ContextId, v.Version }).IsUnique();
        builder.Property(v => v.State).HasColumnName("state").HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.WrappedKey).HasColumnName("wrapped_key");
        builder.Property(v => v.CreatedAt).HasColumnName("created_at");
        builder.Property(v => v.StateChangedAt).HasColumnName("state_changed_at");
    }
}
