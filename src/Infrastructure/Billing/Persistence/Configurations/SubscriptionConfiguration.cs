using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Billing.Plans;
using PasswordManager.Domain.Billing.Subscriptions;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Billing.Persistence.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("subscriptions");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.TenantId).HasColumnName("tenant_id").HasConversion(id => id.Value, v => new TenantId(v));
        builder.Property(s => s.PlanId).HasColumnName("plan_id").HasMaxLength(Plan.MaxIdLength);
        builder.Property(s => s.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.PeriodEnd).HasColumnName("period_end");
        builder.Property(s => s.Seats).HasColumnName("seats");
        builder.Property(s => s.ChangedAt).HasColumnName("changed_at");
        builder.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        builder.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EntitlementOverrideConfiguration : IEntityTypeConfiguration<EntitlementOverride>
{
    public void Configure(EntityTypeBuilder<EntitlementOverride> builder)
    {
        builder.ToTable("entitlement_overrides");
        builder.HasKey(o => new { o.TenantId, o.Key });
        builder.Property(o => o.TenantId).HasColumnName("tenant_id").HasConversion(id => id.Value, v => new TenantId(v));
        builder.Property(o => o.Key).HasColumnName("key").HasMaxLength(40);
        builder.Property(o => o.Value).HasColumnName("value").HasMaxLength(200);
        builder.Property(o => o.UpdatedBy).HasColumnName("updated_by").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(o => o.UpdatedAt).HasColumnName("updated_at");
    }
}
