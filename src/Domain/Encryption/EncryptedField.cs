using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Encryption;

/// <summary>
/// A server-side secret of another module (a TOTP seed, a provider token) kept encrypted in the registry
/// <c>encryption.encrypted_fields</c>, addressed by (module, field, record key). The re-encryption job moves
/// these to the newest key version after a rotation.
/// </summary>
public sealed class EncryptedField
{
    public const int MaxNameLength = 64;
    public const int MaxRecordKeyLength = 200;

    private EncryptedField() { }

    public Guid Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public string Module { get; private set; } = null!;
    public string Field { get; private set; } = null!;
    public string RecordKey { get; private set; } = null!;
    public string EncryptionId { get; private set; } = null!;
    public Guid VersionId { get; private set; }
    public byte[] CipherText { get; private set; } = null!;
    public byte[] Nonce { get; private set; } = null!;
    public DateTimeOffset UpdatedAt { get; private set; }

    public static EncryptedField Create(
        TenantId tenant, string module, string field, string recordKey, string encryptionId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenant,
        Module = module,
        Field = field,
        RecordKey = recordKey,
        EncryptionId = encryptionId,
        CipherText = [],
        Nonce = [],
        UpdatedAt = now,
    };

    public void Store(Guid versionId, byte[] cipherText, byte[] nonce, DateTimeOffset now) =>
        (VersionId, CipherText, Nonce, UpdatedAt) = (versionId, cipherText, nonce, now);
}
