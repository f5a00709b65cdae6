using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Vault.Vaults;

/// <summary>
/// A member's access to a vault: permission plus the vault key wrapped for the member and signed by the
/// granter (docs/crypto-format.md). The server checks format only; clients verify the signature. A revoked
/// record is kept (with its revision) so the member's next sync learns it lost access.
/// </summary>
public sealed class AccessRecord
{
    private AccessRecord() { }

    public Guid VaultId { get; private set; }
    public UserId UserId { get; private set; }
    public Permission Permission { get; private set; }
    public long KeyEpoch { get; private set; }
    public byte[] WrappedKey { get; private set; } = null!;
    public UserId GranterId { get; private set; }
    public byte[] GranterSignature { get; private set; } = null!;
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Revision { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static AccessRecord Grant(
        Guid vaultId, UserId member, Permission permission, long keyEpoch, byte[] wrappedKey, UserId granter, byte[] signature,
        DateTimeOffset? expiresAt, long revision, DateTimeOffset now) => new()
    {
        VaultId = vaultId,
        UserId = member,
        Permission = permission,
        KeyEpoch = keyEpoch,
        WrappedKey = wrappedKey,
        GranterId = granter,
        GranterSignature = signature,
        ExpiresAt = expiresAt,
        CreatedAt = now,
        UpdatedAt = now,
        Revision = revision,
    };

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    public bool Allows(Permission needed, DateTimeOffset now) => IsActive(now) && Permission >= needed;

    public void Revoke(long revision, DateTimeOffset now) => (RevokedAt, Revision, UpdatedAt) = (now, revision, now);

    /// <summary>Grants again after a revocation or an expiry: a fresh key, permission and signature.</summary>
    public void Regrant(
        Permission permission, long keyEpoch, byte[] wrappedKey, UserId granter, byte[] signature, DateTimeOffset? expiresAt, long revision, DateTimeOffset now) =>
        (Permission, KeyEpoch, WrappedKey, GranterId, GranterSignature, ExpiresAt, RevokedAt, Revision, UpdatedAt) =
        (permission, keyEpoch, wrappedKey, granter, signature, expiresAt, null, revision, now);

    /// <summary>A new permission, re-signed by the granter (the signature covers the permission).</summary>
    public void ChangePermission(Permission permission, UserId granter, byte[] signature, long revision, DateTimeOffset now) =>
        (Permission, GranterId, GranterSignature, Revision, UpdatedAt) = (permission, granter, signature, revision, now);

    /// <summary>The vault key of a new epoch, wrapped for this member after a re-key.</summary>
    public void Rekey(long keyEpoch, byte[] wrappedKey, UserId granter, byte[] signature, long revision, DateTimeOffset now) =>
        (KeyEpoch, WrappedKey, GranterId, GranterSignature, Revision, UpdatedAt) = (keyEpoch, wrappedKey, granter, signature, revision, now);

    /// <summary>
    /// The member rotated its account keys: the vault key re-sealed to its new X25519 key and signed by the member
    /// itself with the new signing key (the member becomes the record's granter, as for a creator's record).
    /// </summary>
    public void ResealForRotatedKeys(byte[] wrappedKey, byte[] signature, long revision, DateTimeOffset now) =>
        (WrappedKey, GranterId, GranterSignature, Revision, UpdatedAt) = (wrappedKey, UserId, signature, revision, now);

    /// <summary>The granter rotated its account keys: the same record, signed again with the granter's new signing key.</summary>
    public void ResignForRotatedKeys(byte[] signature, long revision, DateTimeOffset now) =>
        (GranterSignature, Revision, UpdatedAt) = (signature, revision, now);
}
