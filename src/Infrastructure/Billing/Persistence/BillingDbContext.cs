using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PasswordManager.Application.Billing;
using PasswordManager.Domain.Billing.Flags;
using PasswordManager.Domain.Billing.Plans;
using PasswordManager.Domain.Billing.Subscriptions;
using PasswordManager.Domain.Billing.Usage;
using PasswordManager.Domain.Billing.Webhooks;
using PasswordManager.Domain.Common;

namespace PasswordManager.Infrastructure.Billing.Persistence;

public sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : DbContext(options), IBillingDbContext, IPlanLookupDbContext
{
    internal const string Schema = "billing";

    /// <summary>The PostgreSQL channel a flag change is announced on.</summary>
    internal const string FlagsChannel = "billing_flags_changed";

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<EntitlementOverride> EntitlementOverrides => Set<EntitlementOverride>();

    public DbSet<TenantUsage> Usage => Set<TenantUsage>();

    public DbSet<FeatureFlag> Flags => Set<FeatureFlag>();

    public DbSet<ProcessedWebhookEvent> ProcessedWebhookEvents => Set<ProcessedWebhookEvent>();

    public async Task<UsageCounters> LockUsageAsync(DbTransaction transaction, TenantId tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using (var insert = Command(transaction, "INSERT INTO billing.tenant_usage (tenant_id, vaults, entries, attachment_bytes) VALUES (@t, 0, 0, 0) ON CONFLICT DO NOTHING", tenant))
            await insert.ExecuteNonQueryAsync(cancellationToken);
        await using var select = Command(transaction, "SELECT vaults, entries, attachment_bytes FROM billing.tenant_usage WHERE tenant_id = @t FOR UPDATE", tenant);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new UsageCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async Task AddUsageAsync(DbTransaction transaction, TenantId tenant, UsageCounters delta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delta);
        await using var update = Command(transaction, """
            UPDATE billing.tenant_usage SET vaults = GREATEST(vaults + @v, 0), entries = GREATEST(entries + @e, 0),
                attachment_bytes = GREATEST(attachment_bytes + @b, 0)
            WHERE tenant_id = @t
            """, tenant);
        update.Parameters.AddWithValue("v", delta.Vaults);
        update.Parameters.AddWithValue("e", delta.Entries);
        update.Parameters.AddWithValue("b", delta.AttachmentBytes);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetReconciledUsageAsync(
        DbTransaction transaction, TenantId tenant, UsageCounters counted, string? drift, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counted);
        await using var update = Command(transaction, """
            UPDATE billing.tenant_usage SET vaults = @v, entries = @e, attachment_bytes = @b, reconciled_at = @now,
                last_drift = COALESCE(@drift, last_drift)
            WHERE tenant_id = @t
            """, tenant);
        update.Parameters.AddWithValue("v", counted.Vaults);
        update.Parameters.AddWithValue("e", counted.Entries);
        update.Parameters.AddWithValue("b", counted.AttachmentBytes);
        update.Parameters.AddWithValue("now", now);
        update.Parameters.Add(new NpgsqlParameter("drift", NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = (object?)drift ?? DBNull.Value });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IBillingTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        new Transaction(await Database.BeginTransactionAsync(cancellationToken));

    public async Task NotifyFlagsChangedAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlRawAsync($"NOTIFY {FlagsChannel}", cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(BillingDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(BillingDbContext).Namespace!, StringComparison.Ordinal) == true);
    }

    private static NpgsqlCommand Command(DbTransaction transaction, string sql, TenantId tenant)
    {
        var npgsql = (NpgsqlTransaction)transaction;
        var command = new NpgsqlCommand(sql, npgsql.Connection, npgsql);
        command.Parameters.AddWithValue("t", tenant.Value);
        return command;
    }

    private sealed class Transaction(IDbContextTransaction transaction) : IBillingTransaction
    {
        public DbTransaction Shared => transaction.GetDbTransaction();

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
