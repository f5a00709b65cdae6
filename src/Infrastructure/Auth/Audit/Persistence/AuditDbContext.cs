using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Auth.Audit;
using PasswordManager.Domain.Auth.Audit;

namespace PasswordManager.Infrastructure.Auth.Audit.Persistence;

public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options), IAuditDbContext
{
    internal const string Schema = "audit";

    public DbSet<AuditEvent> Events => Set<AuditEvent>();

    public DbSet<AuditChainHead> ChainHeads => Set<AuditChainHead>();

    public DbSet<AuditCheckpoint> Checkpoints => Set<AuditCheckpoint>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(AuditDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(AuditDbContext).Namespace!, StringComparison.Ordinal) == true);
    }
}
