using System.Data.Common;

namespace PasswordManager.Application.Contracts.Auth.Audit;

/// <summary>
/// Records rows for the tenant's hash-chained audit log inside the caller's open transaction, so a row commits exactly
/// when the action it describes does. The rows are queued without locking anything shared and placed in the chain
/// after the commit (ADR-0034); every reader of the log places them first.
/// </summary>
public interface IAuditTrail
{
    Task AppendAsync(DbTransaction transaction, IReadOnlyCollection<AuditRecord> records, CancellationToken cancellationToken);
}

/// <summary>
/// What happened, as metadata only: never a secret, code, hash, key, name or ciphertext. <paramref name="Details"/> is a
/// small JSON object of non-secret facts. Times are stored to the microsecond.
/// </summary>
public sealed record AuditRecord(
    Guid TenantId,
    Guid? ActorId,
    string Action,
    string Outcome,
    string? ObjectType,
    Guid? ObjectId,
    DateTimeOffset OccurredAt,
    string? IpAddress,
    string? DeviceName,
    string? Details = null)
{
    public const int MaxDetailsLength = 1000;
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
}

/// <summary>Object types named in <see cref="AuditRecord.ObjectType"/>.</summary>
public static class AuditObjectTypes
{
    public const string User = "user";
    public const string Session = "session";
    public const string ApiKey = "api_key";
    public const string Vault = "vault";
    public const string EncryptionContext = "encryption_context";
}

/// <summary>
/// Audit actions of the modules other than Auth (whose actions are its security event types). Stable: clients and
/// tenant admins filter on them.
/// </summary>
public static class AuditActions
{
    public const string VaultShared = "vault_shared";
    public const string VaultPermissionChanged = "vault_permission_changed";
    public const string VaultMemberRemoved = "vault_member_removed";
    public const string VaultRekeyed = "vault_rekeyed";
    public const string VaultOwnershipTransferred = "vault_ownership_transferred";
    public const string VaultLeft = "vault_left";
    public const string EncryptionKeyRotated = "encryption_key_rotated";
    public const string EncryptionVersionStateChanged = "encryption_version_state_changed";
    public const string EncryptionVersionDestroyed = "encryption_version_destroyed";
}
