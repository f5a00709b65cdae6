namespace PasswordManager.Application.Auth.Audit;

/// <summary>Re-computes one tenant's audit hash chain and checks its signed checkpoints, as <c>audit verify</c> does (ADR-0025).</summary>
public interface IAuditChainVerifier
{
    Task<AuditChainStatus> VerifyTenantAsync(Guid tenantId, CancellationToken cancellationToken);
}

/// <summary><see cref="BreakSequence"/> and <see cref="BreakReason"/> say where the chain stops holding; both null when it is intact.</summary>
public sealed record AuditChainStatus(Guid TenantId, int Rows, long FirstSequence, long LastSequence, int Checkpoints, long? BreakSequence, string? BreakReason)
{
    public bool Intact => BreakReason is null;
}
