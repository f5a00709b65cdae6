using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Encryption;

public enum ReEncryptionStatus
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>
/// Moves every registered encrypted field of one context to <see cref="TargetVersionId"/>. One row per context;
/// a rotation re-targets it. Replicas claim it with a lease (<see cref="LeaseOwner"/> until
/// <see cref="LeaseExpiresAt"/>); <see cref="Cursor"/> makes the work resumable after a crash.
/// </summary>
public sealed class ReEncryptionJob
{
    private ReEncryptionJob() { }

    public Guid Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public string EncryptionId { get; private set; } = null!;
    public Guid TargetVersionId { get; private set; }
    public int TargetVersion { get; private set; }
    public ReEncryptionStatus Status { get; private set; }
    public Guid? Cursor { get; private set; }
    public long Processed { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public static ReEncryptionJob Start(TenantId tenant, string encryptionId, Guid targetVersionId, int targetVersion, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenant,
        EncryptionId = encryptionId,
        TargetVersionId = targetVersionId,
        TargetVersion = targetVersion,
        Status = ReEncryptionStatus.Pending,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Points the job at a newer version and starts over; rows already on the target are skipped cheaply.</summary>
    public void Retarget(Guid targetVersionId, int targetVersion, DateTimeOffset now)
    {
        (TargetVersionId, TargetVersion, Status, Cursor, Processed, LastError, CompletedAt, UpdatedAt) =
            (targetVersionId, targetVersion, ReEncryptionStatus.Pending, null, 0, null, null, now);
    }

    public void Advance(Guid cursor, int count, DateTimeOffset now) => (Cursor, Processed, UpdatedAt) = (cursor, Processed + count, now);

    /// <summary>Starts another pass from the beginning, for rows written with an older version while the job ran.</summary>
    public void RestartPass(DateTimeOffset now) => (Cursor, UpdatedAt) = (null, now);

    public void Complete(DateTimeOffset now) =>
        (Status, Cursor, LeaseOwner, LeaseExpiresAt, CompletedAt, UpdatedAt, LastError) = (ReEncryptionStatus.Completed, null, null, null, now, now, null);

    public void Fail(string error, DateTimeOffset now) =>
        (Status, LeaseOwner, LeaseExpiresAt, LastError, UpdatedAt) = (ReEncryptionStatus.Failed, null, null, error, now);
}
