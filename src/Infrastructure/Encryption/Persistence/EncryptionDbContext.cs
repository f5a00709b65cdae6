using PasswordManager.Application.Contracts.Auth.Audit;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Encryption;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Infrastructure.Encryption.Persistence;

public sealed class EncryptionDbContext(DbContextOptions<EncryptionDbContext> options) : DbContext(options), IEncryptionDbContext
{
    internal const string Schema = "encryption";

    public DbSet<EncryptionContext> Contexts => Set<EncryptionContext>();

    public DbSet<EncryptionKeyVersion> KeyVersions => Set<EncryptionKeyVersion>();

    public DbSet<EncryptedField> EncryptedFields => Set<EncryptedField>();

    public DbSet<ReEncryptionJob> ReEncryptionJobs => Set<ReEncryptionJob>();

    /// <summary>Set when the context is resolved as <see cref="IEncryptionDbContext"/>; audited key changes need it.</summary>
    internal IAuditTrail? AuditTrail { get; set; }

    public void DiscardChanges() => ChangeTracker.Clear();

    public async Task<int> SaveChangesAsync(AuditRecord audit, CancellationToken cancellationToken)
    {
        var trail = AuditTrail ?? throw new InvalidOperationException("Audited key changes go through IEncryptionDbContext, which carries the audit trail.");
        var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await SaveChangesAsync(cancellationToken);
            await trail.AppendAsync(Database.CurrentTransaction!.GetDbTransaction(), [audit], cancellationToken);
            if (owned is not null) await owned.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(EncryptionDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(EncryptionDbContext).Namespace!, StringComparison.Ordinal) == true);
    }
}
