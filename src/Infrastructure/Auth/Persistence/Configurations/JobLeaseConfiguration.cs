using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PasswordManager.Infrastructure.Auth.Persistence.Configurations;

/// <summary>
/// The table behind <c>Common/Jobs/JobLeases</c> (ADR-0029), kept in the Auth schema with the other instance-wide
/// records; it is read and written with SQL only, so no module's code depends on this context for it.
/// </summary>
internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLeaseRow>
{
    public void Configure(EntityTypeBuilder<JobLeaseRow> builder)
    {
        builder.ToTable("job_leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(l => l.Owner).HasColumnName("owner").HasMaxLength(200);
        builder.Property(l => l.LeaseExpiresAt).HasColumnName("lease_expires_at");
        builder.Property(l => l.LastStartedAt).HasColumnName("last_started_at");
        builder.Property(l => l.Runs).HasColumnName("runs");
    }
}

internal sealed class JobLeaseRow
{
    public required string Name { get; init; }
    public required string Owner { get; init; }
    public DateTimeOffset LeaseExpiresAt { get; init; }
    public DateTimeOffset LastStartedAt { get; init; }
    public long Runs { get; init; }
}
