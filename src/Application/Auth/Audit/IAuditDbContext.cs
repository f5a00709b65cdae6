using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Audit;

namespace PasswordManager.Application.Auth.Audit;

/// <summary>The Audit module's persistence port (schema <c>audit</c>), read-only for use cases: rows are appended through <c>IAuditTrail</c>.</summary>
public interface IAuditDbContext
{
    DbSet<AuditEvent> Events { get; }

    DbSet<AuditCheckpoint> Checkpoints { get; }
}
