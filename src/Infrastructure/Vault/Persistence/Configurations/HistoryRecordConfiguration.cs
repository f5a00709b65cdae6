using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Vault.History;

namespace PasswordManager.Infrastructure.Vault.Persistence.Configurations;

internal sealed class HistoryRecordConfiguration : IEntityTypeConfiguration<StoredHistoryRecord>
{
    public void Configure(EntityTypeBuilder<StoredHistoryRecord> builder)
    {
        builder.ToTable("history_records");
        builder.HasKey(r => new { r.VaultId, r.Seq });
        builder.Property(r => r.VaultId).HasColumnName("vault_id");
        builder.HasOne<Domain.Vault.Vaults.Vault>().WithMany().HasForeignKey(r => r.VaultId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Seq).HasColumnName("seq");
        builder.Property(r => r.Hash).HasColumnName("hash");
        builder.Property(r => r.Revision).HasColumnName("revision");
        builder.Property(r => r.Checkpoint).HasColumnName("checkpoint");
        builder.Property(r => r.Record).HasColumnName("record");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(r => new { r.VaultId, r.Revision });
        builder.Ignore(r => r.Head);
    }
}
