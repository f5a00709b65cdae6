using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Auth.Audit;

namespace PasswordManager.Application.Auth.Audit;

/// <summary>The Audit module's persistence port (schema <c>audit</c>), read-only for use cases: rows are appended through <c>IAuditTrail</c>.</summary>
public interface IAuditDbContext
{
    DbSet<AuditEvent> Events { get; }

    DbSet<AuditCheckpoint> Checkpoints { get; }

    /// <summary>
    /// Places the tenant's committed but not yet chained events in its chain (ADR-0034). Every reader of a tenant's log calls
    /// it first, so it never sees a hole where the background chainer has not run yet.
    /// </summary>
    Task<int> ChainPendingAsync(Guid tenantId, CancellationToken cancellationToken);
}
