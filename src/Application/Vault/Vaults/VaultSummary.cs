using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Vaults;

/// <summary>
/// A vault as one member sees it, with that member's own access record (wrapped key and signature).
/// <see cref="RekeyRecommended"/> and <see cref="RekeyReasons"/> are set for admins only (null otherwise).
/// </summary>
public sealed record VaultSummary(
    Guid VaultId, VaultKind Kind, long Revision, long KeyEpoch, byte[]? EncryptedMetadata, DateTimeOffset CreatedAt, Guid OwnerId, MemberAccess Access,
    bool? RekeyRecommended, IReadOnlyList<RekeyReason>? RekeyReasons)
{
    public static VaultSummary Of(Domain.Vault.Vaults.Vault vault, AccessRecord access, IReadOnlyList<RekeyReason>? rekeyReasons) => new(
        vault.Id, vault.Kind, vault.Revision, vault.KeyEpoch, vault.EncryptedMetadata, vault.CreatedAt, vault.OwnerId.Value, MemberAccess.Of(access),
        access.Permission == Permission.Admin ? rekeyReasons?.Count > 0 : null,
        access.Permission == Permission.Admin ? rekeyReasons ?? [] : null);
}

public sealed record MemberAccess(
    Guid UserId, Permission Permission, long KeyEpoch, byte[] WrappedKey, Guid GranterId, byte[] GranterSignature, DateTimeOffset? ExpiresAt)
{
    public static MemberAccess Of(AccessRecord record) => new(
        record.UserId.Value, record.Permission, record.KeyEpoch, record.WrappedKey, record.GranterId.Value, record.GranterSignature, record.ExpiresAt);
}
