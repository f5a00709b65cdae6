using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Vault.Storage;

namespace PasswordManager.Infrastructure.Vault.Persistence.Configurations;

internal sealed class BlobGarbageConfiguration : IEntityTypeConfiguration<BlobGarbage>
{
    public void Configure(EntityTypeBuilder<BlobGarbage> builder)
    {
        builder.ToTable("blob_garbage");
        builder.HasKey(g => g.BlobKey);
        builder.Property(g => g.BlobKey).HasColumnName("blob_key").HasMaxLength(200);
        builder.Property(g => g.Reason).HasColumnName("reason").HasConversion<string>().HasMaxLength(16);
        builder.Property(g => g.NotBefore).HasColumnName("not_before");
        builder.HasIndex(g => g.NotBefore);
    }
}
