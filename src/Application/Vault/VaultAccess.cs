using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault;

/// <summary>
/// The one authorization path for vaults and entries, personal or shared: the caller's active access record.
/// No record (or a revoked or expired one) is "not found", so vault ids cannot be probed.
/// </summary>
public static class VaultAccess
{
    public static async Task<Result<AccessRecord>> RequireAsync(
        this IVaultDbContext db, Guid vaultId, UserId user, Permission needed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = await db.AccessRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.VaultId == vaultId && r.UserId == user, cancellationToken);
        if (record is null || !record.IsActive(now)) return new VaultNotFound(vaultId);
        if (record.Permission >= needed) return record;
        return needed == Permission.Admin ? new AdminForbidden(vaultId) : new WriteForbidden(vaultId);
    }
}
