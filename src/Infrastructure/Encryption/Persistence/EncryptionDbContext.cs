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

    public void DiscardChanges() => ChangeTracker.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(EncryptionDbContext).Assembly,
            t => t.Namespace?.StartsWith(typeof(EncryptionDbContext).Namespace!, StringComparison.Ordinal) == true);
    }
}
