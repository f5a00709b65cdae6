using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Vaults;

/// <summary>A vault as one member sees it, with that member's own access record (wrapped key and signature).</summary>
public sealed record VaultSummary(
    Guid VaultId, VaultKind Kind, long Revision, long KeyEpoch, byte[]? EncryptedMetadata, DateTimeOffset CreatedAt, MemberAccess Access)
{
    public static VaultSummary Of(Domain.Vault.Vaults.Vault vault, AccessRecord access) => new(
        vault.Id, vault.Kind, vault.Revision, vault.KeyEpoch, vault.EncryptedMetadata, vault.CreatedAt, MemberAccess.Of(access));
}

public sealed record MemberAccess(
    Guid UserId, Permission Permission, long KeyEpoch, byte[] WrappedKey, Guid GranterId, byte[] GranterSignature, DateTimeOffset? ExpiresAt)
{
    public static MemberAccess Of(AccessRecord record) => new(
        record.UserId.Value, record.Permission, record.KeyEpoch, record.WrappedKey, record.GranterId.Value, record.GranterSignature, record.ExpiresAt);
}
