using PasswordManager.Application.Contracts.Auth.Audit;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Encryption;

namespace PasswordManager.Application.Encryption;

/// <summary>The Encryption module's persistence port (schema <c>encryption</c>).</summary>
public interface IEncryptionDbContext
{
    DbSet<EncryptionContext> Contexts { get; }

    DbSet<EncryptionKeyVersion> KeyVersions { get; }

    DbSet<EncryptedField> EncryptedFields { get; }

    DbSet<ReEncryptionJob> ReEncryptionJobs { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Saves and appends <paramref name="audit"/> to the tenant's audit log in one transaction.</summary>
    Task<int> SaveChangesAsync(AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>Forgets every tracked change, so a use case can retry after losing a race.</summary>
    void DiscardChanges();
}
