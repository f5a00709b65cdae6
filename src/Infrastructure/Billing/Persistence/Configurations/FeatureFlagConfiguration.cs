using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Billing.Flags;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Billing.Persistence.Configurations;

internal sealed class FeatureFlagConfiguration : IEntityTypeConfiguration<FeatureFlag>
{
    private static readonly JsonSerializerOptions json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<FeatureFlag> builder)
    {
        builder.ToTable("feature_flags");
        builder.HasKey(f => f.Name);
        builder.Property(f => f.Name).HasColumnName("name").HasMaxLength(FeatureFlag.MaxNameLength);
        builder.Property(f => f.Description).HasColumnName("description").HasMaxLength(FeatureFlag.MaxDescriptionLength);
        builder.Property(f => f.Enabled).HasColumnName("enabled");
        builder.Property(f => f.Tenants).HasColumnName("tenants");
        builder.Property(f => f.Users).HasColumnName("users");
        builder.Property(f => f.Plans).HasColumnName("plans");
        builder.Property(f => f.RolloutPercentage).HasColumnName("rollout_percentage");
        builder.Property(f => f.Variants).HasColumnName("variants").HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, json),
                text => JsonSerializer.Deserialize<List<FlagVariant>>(text, json)!,
                new ValueComparer<IReadOnlyList<FlagVariant>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                    v => v.ToList()));
        builder.Property(f => f.VariantWhenEnabled).HasColumnName("variant_when_enabled").HasMaxLength(FeatureFlag.MaxNameLength);
        builder.Property(f => f.VariantWhenDisabled).HasColumnName("variant_when_disabled").HasMaxLength(FeatureFlag.MaxNameLength);
        builder.Property(f => f.UpdatedBy).HasColumnName("updated_by").HasConversion(id => id.Value, v => new UserId(v));
        builder.Property(f => f.UpdatedAt).HasColumnName("updated_at");
    }
}
