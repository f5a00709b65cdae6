namespace PasswordManager.Domain.Auth.Audit;

/// <summary>
/// One row of a tenant's tamper-evident audit log: metadata only (who, what, which object, from where, when, outcome).
/// <see cref="Hash"/> covers the row's canonical content and <see cref="PreviousHash"/>, so rows form a chain per tenant.
/// Rows are written only by the audit trail's append and never updated.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public long Sequence { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public Guid? ActorId { get; private set; }
    public string Action { get; private set; } = null!;
    public string Outcome { get; private set; } = null!;
    public string? ObjectType { get; private set; }
    public Guid? ObjectId { get; private set; }
    public string? IpAddress { get; private set; }
    public string? DeviceName { get; private set; }

    /// <summary>Stored as text, byte for byte as hashed (jsonb would re-format it).</summary>
    public string? Details { get; private set; }

    public byte[] PreviousHash { get; private set; } = null!;
    public byte[] Hash { get; private set; } = null!;
}

/// <summary>The newest row of a tenant's chain; its row lock serializes appends within the tenant.</summary>
public sealed class AuditChainHead
{
    private AuditChainHead() { }

    public Guid TenantId { get; private set; }
    public long Sequence { get; private set; }
    public byte[] Hash { get; private set; } = null!;
}

/// <summary>
/// The server's Ed25519 signature over a tenant's chain head at <see cref="Sequence"/>. A checkpoint made before pruning
/// anchors the first remaining row, so a pruned log still verifies.
/// </summary>
public sealed class AuditCheckpoint
{
    private AuditCheckpoint() { }

    public long Id { get; private set; }
    public Guid TenantId { get; private set; }
    public long Sequence { get; private set; }
    public byte[] HeadHash { get; private set; } = null!;
    public DateTimeOffset SignedAt { get; private set; }

    /// <summary><see cref="AuditCheckpointReasons"/>.</summary>
    public string Reason { get; private set; } = null!;

    public byte[] PublicKey { get; private set; } = null!;
    public byte[] Signature { get; private set; } = null!;

    public static AuditCheckpoint Create(
        Guid tenantId, long sequence, byte[] headHash, DateTimeOffset signedAt, string reason, byte[] publicKey, byte[] signature) => new()
        {
            TenantId = tenantId,
            Sequence = sequence,
            HeadHash = headHash,
            SignedAt = signedAt,
            Reason = reason,
            PublicKey = publicKey,
            Signature = signature,
        };
}

public static class AuditCheckpointReasons
{
    public const string Periodic = "periodic";
    public const string Prune = "prune";
}

/// <summary>
/// An audit event committed with its action but not yet placed in the tenant's chain (ADR-0034). The chainer moves it to
/// <see cref="AuditEvent"/> with its sequence and hash, and deletes this row, in one transaction. <see cref="Id"/> only
/// orders the queue.
/// </summary>
public sealed class PendingAuditEvent
{
    private PendingAuditEvent() { }

    public long Id { get; private set; }
    public Guid EventId { get; private set; }
    public Guid TenantId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public Guid? ActorId { get; private set; }
    public string Action { get; private set; } = null!;
    public string Outcome { get; private set; } = null!;
    public string? ObjectType { get; private set; }
    public Guid? ObjectId { get; private set; }
    public string? IpAddress { get; private set; }
    public string? DeviceName { get; private set; }
    public string? Details { get; private set; }
}
