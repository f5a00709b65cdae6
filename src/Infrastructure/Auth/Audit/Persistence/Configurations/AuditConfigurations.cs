using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Auth.Audit;

namespace PasswordManager.Infrastructure.Auth.Audit.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id");
        builder.Property(e => e.TenantId).HasColumnName("tenant_id");
        builder.Property(e => e.Sequence).HasColumnName("sequence");
        builder.Property(e => e.OccurredAt).HasColumnName("occurred_at");
        builder.Property(e => e.ActorId).HasColumnName("actor_id");
        builder.Property(e => e.Action).HasColumnName("action").HasMaxLength(64);
        builder.Property(e => e.Outcome).HasColumnName("outcome").HasMaxLength(16);
        builder.Property(e => e.ObjectType).HasColumnName("object_type").HasMaxLength(32);
        builder.Property(e => e.ObjectId).HasColumnName("object_id");
        builder.Property(e => e.IpAddress).HasColumnName("ip_address").HasMaxLength(64);
        builder.Property(e => e.DeviceName).HasColumnName("device_name").HasMaxLength(100);
        builder.Property(e => e.Details).HasColumnName("details");
        builder.Property(e => e.PreviousHash).HasColumnName("previous_hash");
        builder.Property(e => e.Hash).HasColumnName("hash");

        // Not unique: a duplicated sequence is tampering that verification must be able to see and name.
        builder.HasIndex(e => new { e.TenantId, e.Sequence });
        builder.HasIndex(e => new { e.TenantId, e.ActorId, e.Sequence });
        builder.HasIndex(e => new { e.TenantId, e.OccurredAt });
    }
}

internal sealed class PendingAuditEventConfiguration : IEntityTypeConfiguration<PendingAuditEvent>
{
    public void Configure(EntityTypeBuilder<PendingAuditEvent> builder)
    {
        builder.ToTable("pending_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(e => e.EventId).HasColumnName("event_id");
        builder.Property(e => e.TenantId).HasColumnName("tenant_id");
        builder.Property(e => e.OccurredAt).HasColumnName("occurred_at");
        builder.Property(e => e.ActorId).HasColumnName("actor_id");
        builder.Property(e => e.Action).HasColumnName("action").HasMaxLength(64);
        builder.Property(e => e.Outcome).HasColumnName("outcome").HasMaxLength(16);
        builder.Property(e => e.ObjectType).HasColumnName("object_type").HasMaxLength(32);
        builder.Property(e => e.ObjectId).HasColumnName("object_id");
        builder.Property(e => e.IpAddress).HasColumnName("ip_address").HasMaxLength(64);
        builder.Property(e => e.DeviceName).HasColumnName("device_name").HasMaxLength(100);
        builder.Property(e => e.Details).HasColumnName("details");
        builder.HasIndex(e => new { e.TenantId, e.Id });
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("chain_heads");
        builder.HasKey(h => h.TenantId);
        builder.Property(h => h.TenantId).HasColumnName("tenant_id");
        builder.Property(h => h.Sequence).HasColumnName("sequence");
        builder.Property(h => h.Hash).HasColumnName("hash");
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("checkpoints");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(c => c.TenantId).HasColumnName("tenant_id");
        builder.Property(c => c.Sequence).HasColumnName("sequence");
        builder.Property(c => c.HeadHash).HasColumnName("head_hash");
        builder.Property(c => c.SignedAt).HasColumnName("signed_at");
        builder.Property(c => c.Reason).HasColumnName("reason").HasMaxLength(16);
        builder.Property(c => c.PublicKey).HasColumnName("public_key");
        builder.Property(c => c.Signature).HasColumnName("signature");
        builder.HasIndex(c => new { c.TenantId, c.Sequence });
    }
}
