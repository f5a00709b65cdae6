using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Vault.Integration;

public sealed class ReplaceRotatedAccessRecordsCommandHandler(IVaultDbContext db, TimeProvider clock)
    : ICommandHandler<ReplaceRotatedAccessRecordsCommand, RotatedAccessRecords>
{
    public async ValueTask<RotatedAccessRecords> Handle(ReplaceRotatedAccessRecordsCommand command, CancellationToken cancellationToken)
    {
        db.JoinTransaction(command.Transaction);
        var user = new UserId(command.UserId);
        var now = clock.GetUtcNow();
        var vaultIds = await db.AccessRecords
            .Where(r => r.UserId == user && r.RevokedAt == null && (r.ExpiresAt == null || r.ExpiresAt > now))
            .Select(r => r.VaultId).Distinct().OrderBy(id => id)
            .ToListAsync(cancellationToken);
        var byVault = command.Records.ToLookup(r => r.VaultId);
        if (byVault.Any(g => !vaultIds.Contains(g.Key))) return Conflict("a record of a vault you are not an active member of");

        var replaced = 0;
        foreach (var vaultId in vaultIds)
        {
            // Vaults are locked in id order (as every multi-vault change does), so two such changes cannot deadlock.
            await using var vaultLock = await db.LockVaultAsync(vaultId, cancellationToken);
            if (vaultLock is null) continue;
            var current = await db.AccessRecords
                .Where(r => r.VaultId == vaultId && r.RevokedAt == null && (r.UserId == user || r.GranterId == user))
                .ToListAsync(cancellationToken);
            var own = current.SingleOrDefault(r => r.UserId == user);
            if (own is null || !own.IsActive(now)) return Conflict($"your access to vault {vaultId} changed");

            var given = byVault[vaultId].ToDictionary(r => r.UserId);
            if (given.Count != current.Count || current.Any(r => !given.ContainsKey(r.UserId.Value)))
                return Conflict($"the records of vault {vaultId} are not the current ones");

            var revision = vaultLock.Vault.NextRevision(now);
            foreach (var record in current)
            {
                var replacement = given[record.UserId.Value];
                if (replacement.KeyEpoch != record.KeyEpoch) return Conflict($"a record of vault {vaultId} is at another key epoch");
                if (record.UserId == user)
                {
                    if (replacement.WrappedKey is null) return Conflict($"your record of vault {vaultId} needs the re-sealed key");
                    record.ResealForRotatedKeys(replacement.WrappedKey, replacement.GranterSignature, revision, now);
                }
                else
                {
                    // Another member's key is theirs: a rotation only re-signs it.
                    if (replacement.WrappedKey is not null) return Conflict($"another member's key in vault {vaultId} cannot change");
                    record.ResignForRotatedKeys(replacement.GranterSignature, revision, now);
                }
            }

            await vaultLock.CommitAsync(cancellationToken);
            replaced += current.Count;
        }

        return new RotatedAccessRecords(null, vaultIds.Count, replaced);
    }

    private static RotatedAccessRecords Conflict(string reason) => new(reason, 0, 0);
}
