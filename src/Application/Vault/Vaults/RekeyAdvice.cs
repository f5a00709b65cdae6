using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Vaults;

/// <summary>Why a vault should be re-keyed: a former member still holds the current vault key.</summary>
public sealed record RekeyReason(Guid UserId, string Reason)
{
    public const string Expired = "member_expired";
    public const string Revoked = "member_removed";
}

/// <summary>
/// Derives "re-key recommended" from the access records, so nothing has to be materialized when a grant
/// expires (an expiry is not a write): a record that no longer authorizes but was issued for the vault's
/// current key epoch means someone outside the vault holds its current key. The next re-key moves the epoch
/// on (and revokes expired records), which clears it by construction.
/// </summary>
public static class RekeyAdvice
{
    public static async Task<Dictionary<Guid, IReadOnlyList<RekeyReason>>> ReadAsync(
        IVaultDbContext db, IReadOnlyCollection<Domain.Vault.Vaults.Vault> vaults, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(vaults);
        if (vaults.Count == 0) return [];
        var ids = vaults.Select(v => v.Id).ToList();
        var former = await db.AccessRecords.AsNoTracking()
            .Where(r => ids.Contains(r.VaultId) && (r.RevokedAt != null || (r.ExpiresAt != null && r.ExpiresAt <= now)))
            .Select(r => new { r.VaultId, r.UserId, r.KeyEpoch, r.RevokedAt })
            .ToListAsync(cancellationToken);
        var epochs = vaults.ToDictionary(v => v.Id, v => v.KeyEpoch);
        return vaults.ToDictionary(v => v.Id, v => (IReadOnlyList<RekeyReason>)
        [
            .. former.Where(r => r.VaultId == v.Id && r.KeyEpoch == epochs[v.Id])
                .OrderBy(r => r.UserId.Value)
                .Select(r => new RekeyReason(r.UserId.Value, r.RevokedAt is null ? RekeyReason.Expired : RekeyReason.Revoked)),
        ]);
    }

    /// <summary>The reasons for the vaults where the caller's access (paired with each vault) is admin; other vaults get none.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<RekeyReason>>> ForAdminAsync(
        IVaultDbContext db, IEnumerable<(Domain.Vault.Vaults.Vault Vault, AccessRecord Access)> vaults, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ReadAsync(db, [.. vaults.Where(x => x.Access.Permission == Permission.Admin).Select(x => x.Vault)], now, cancellationToken);
}
