using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PasswordManager.Domain.Billing.Plans;

namespace PasswordManager.Infrastructure.Billing.Persistence.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    private static readonly JsonSerializerOptions json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id").HasMaxLength(Plan.MaxIdLength);
        builder.Property(p => p.Name).HasColumnName("name").HasMaxLength(Plan.MaxNameLength);
        builder.Property(p => p.Entitlements).HasColumnName("entitlements").HasColumnType("jsonb")
            .HasConversion(
                e => JsonSerializer.Serialize(e, json),
                text => JsonSerializer.Deserialize<Entitlements>(text, json)!,
                new ValueComparer<Entitlements>(
                    (a, b) => JsonSerializer.Serialize(a, json) == JsonSerializer.Serialize(b, json),
                    e => JsonSerializer.Serialize(e, json).GetHashCode(StringComparison.Ordinal),
                    e => JsonSerializer.Deserialize<Entitlements>(JsonSerializer.Serialize(e, json), json)!));
        builder.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        var seededAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        builder.HasData(SeededPlans.All.Select(p => Plan.Create(p.Id, p.Name, p.Entitlements, seededAt)));
    }
}
