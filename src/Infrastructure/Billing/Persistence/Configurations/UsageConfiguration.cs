using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Billing.Usage;
using PasswordManager.Domain.Billing.Webhooks;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Billing.Persistence.Configurations;

internal sealed class UsageConfiguration : IEntityTypeConfiguration<TenantUsage>
{
    public void Configure(EntityTypeBuilder<TenantUsage> builder)
    {
        builder.ToTable("tenant_usage");
        builder.HasKey(u => u.TenantId);
        builder.Property(u => u.TenantId).HasColumnName("tenant_id").HasConversion(id => id.Value, v => new TenantId(v));
        builder.Property(u => u.Vaults).HasColumnName("vaults");
        builder.Property(u => u.Entries).HasColumnName("entries");
        builder.Property(u => u.AttachmentBytes).HasColumnName("attachment_bytes");
        builder.Property(u => u.ReconciledAt).HasColumnName("reconciled_at");
        builder.Property(u => u.LastDrift).HasColumnName("last_drift").HasColumnType("jsonb");
    }
}

internal sealed class ProcessedWebhookEventConfiguration : IEntityTypeConfiguration<ProcessedWebhookEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedWebhookEvent> builder)
    {
        builder.ToTable("processed_webhook_events");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasColumnName("event_id").HasMaxLength(ProcessedWebhookEvent.MaxIdLength);
        builder.Property(e => e.Outcome).HasColumnName("outcome").HasMaxLength(40);
        builder.Property(e => e.ReceivedAt).HasColumnName("received_at");
    }
}
