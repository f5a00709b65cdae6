using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Contracts.Encryption;

/// <summary>
/// The registry of the core's own server-side secrets (TOTP seeds, provider tokens). A module stores a field
/// under (module, field, record key); the value is encrypted through <see cref="IEncryptionService"/> under the
/// context named by <c>encryptionId</c>, and the re-encryption job keeps it on the newest key version.
/// </summary>
public interface IEncryptedFieldStore
{
    Task<Result> PutAsync(TenantId tenant, EncryptedFieldRef field, string encryptionId, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>The decrypted value, or null when nothing is stored under <paramref name="field"/>.</summary>
    Task<Result<byte[]?>> GetAsync(TenantId tenant, EncryptedFieldRef field, CancellationToken cancellationToken);

    Task DeleteAsync(TenantId tenant, EncryptedFieldRef field, CancellationToken cancellationToken);
}

/// <summary>Where a secret lives: the owning module, the field name and the owning record's key.</summary>
public sealed record EncryptedFieldRef(string Module, string Field, string RecordKey);
