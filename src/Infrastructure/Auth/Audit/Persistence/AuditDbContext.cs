using Microsoft.EntityFrameworkCore;
using Npgsql;
using PasswordManager.Application.Auth.Audit;
using PasswordManager.Domain.Auth.Audit;

namespace PasswordManager.Infrastructure.Auth.Audit.Persistence;

public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options), IAuditDbContext
{
    internal const string Schema = "audit";

    public DbSet<AuditEvent> Events => Set<AuditEvent>();

    public DbSet<AuditChainHead> ChainHeads => Set<AuditChainHead>();

    public DbSet<AuditCheckpoint> Checkpoints => Set<AuditCheckpoint>();

    internal DbSet<PendingAuditEvent> PendingEvents => Set<PendingAuditEvent>();

    public Task<int> ChainPendingAsync(Guid tenantId, CancellationToken cancellationToken) =>
        OnOwnConnectionAsync(connection => AuditChainer.ChainTenantAsync(connection, tenantId, cancellationToken), cancellationToken);

    /// <summary>Chains every tenant's pending events; <paramref name="skipLocked"/> leaves a tenant another chainer is working on to it.</summary>
    internal Task<int> ChainAllPendingAsync(bool skipLocked, CancellationToken cancellationToken) =>
        OnOwnConnectionAsync(connection => AuditChainer.ChainAllAsync(connection, skipLocked, cancellationToken), cancellationToken);

    private async Task<int> OnOwnConnectionAsync(Func<NpgsqlConnection, Task<int>> chain, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null)
            throw new InvalidOperationException("Pending audit events are chained in transactions of their own, before a reader opens one.");
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await chain((NpgsqlConnection)Database.GetDbConnection());
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(AuditDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(AuditDbContext).Namespace!, StringComparison.Ordinal) == true);
    }
}
