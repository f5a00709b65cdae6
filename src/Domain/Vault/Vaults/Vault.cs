using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Vault.Vaults;

/// <summary>
/// A set of entries encrypted under one vault key per key epoch. <see cref="Revision"/> is the vault's change
/// counter: every change to the vault, its entries or its access records takes the next value while the vault
/// row is locked, so a sync cursor of one number per vault never misses a commit.
/// </summary>
public sealed class Vault
{
    private Vault() { }

    public Guid Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public VaultKind Kind { get; private set; }
    public UserId CreatedBy { get; private set; }

    /// <summary>The member who owns the vault (its creator until ownership is transferred); always an admin.</summary>
    public UserId OwnerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Revision { get; private set; }
    public long KeyEpoch { get; private set; }
    public byte[]? EncryptedMetadata { get; private set; }
    public long MetadataRevision { get; private set; }

    /// <summary>Tombstones up to this revision were purged; older cursors must resync fully.</summary>
    public long PurgedThroughRevision { get; private set; }

    public static Vault Create(Guid id, TenantId tenant, VaultKind kind, UserId creator, byte[]? encryptedMetadata, DateTimeOffset now) => new()
    {
        Id = id,
        TenantId = tenant,
        Kind = kind,
        CreatedBy = creator,
        OwnerId = creator,
        CreatedAt = now,
        UpdatedAt = now,
        Revision = 1,
        KeyEpoch = 1,
        EncryptedMetadata = encryptedMetadata,
        MetadataRevision = 1,
    };

    /// <summary>Recreates an exported vault: same id and key epoch (entry ciphertexts are bound to both).</summary>
    public static Vault Restore(Guid id, TenantId tenant, VaultKind kind, UserId owner, long keyEpoch, byte[]? encryptedMetadata, DateTimeOffset now)
    {
        var vault = Create(id, tenant, kind, owner, encryptedMetadata, now);
        vault.KeyEpoch = keyEpoch;
        return vault;
    }

    /// <summary>Takes the next revision; call only while holding the vault's write lock.</summary>
    public long NextRevision(DateTimeOffset now)
    {
        UpdatedAt = now;
        return ++Revision;
    }

    public void UpdateMetadata(byte[] encryptedMetadata, DateTimeOffset now) =>
        (EncryptedMetadata, MetadataRevision) = (encryptedMetadata, NextRevision(now));

    /// <summary>Moves to the next key epoch (a re-key); call while holding the vault's write lock.</summary>
    public long AdvanceKeyEpoch(DateTimeOffset now)
    {
        NextRevision(now);
        return ++KeyEpoch;
    }

    /// <summary>Hands the vault to another admin; vault metadata changes, so every member's next sync re-sends it.</summary>
    public void TransferOwnership(UserId newOwner, DateTimeOffset now) => (OwnerId, MetadataRevision) = (newOwner, NextRevision(now));

    public void MarkPurged(long throughRevision) => PurgedThroughRevision = Math.Max(PurgedThroughRevision, throughRevision);
}
