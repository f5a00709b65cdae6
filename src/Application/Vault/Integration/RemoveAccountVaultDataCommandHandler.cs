using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Application.Contracts.Vault;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Integration;

public sealed class RemoveAccountVaultDataCommandHandler(
    IVaultDbContext db, BlobWrites blobs, ISender sender, TimeProvider clock)
    : ICommandHandler<RemoveAccountVaultDataCommand, AccountVaultDataRemoval>
{
    public async ValueTask<AccountVaultDataRemoval> Handle(RemoveAccountVaultDataCommand command, CancellationToken cancellationToken)
    {
        db.JoinTransaction(command.Transaction);
        var user = new UserId(command.UserId);
        var former = new UserId(command.FormerMemberId);
        var now = clock.GetUtcNow();

        var vaultIds = await db.AccessRecords.Where(r => r.UserId == user).Select(r => r.VaultId).Distinct().OrderBy(id => id)
            .ToListAsync(cancellationToken);
        var blockers = new List<AccountDeletionBlocker>();
        var alone = new List<Guid>();
        var shared = new List<Guid>();
        foreach (var vaultId in vaultIds)
        {
            await using var vaultLock = await db.LockVaultAsync(vaultId, cancellationToken);
            if (vaultLock is null) continue;
            var active = await db.AccessRecords.AsNoTracking()
                .Where(r => r.VaultId == vaultId && r.RevokedAt == null && (r.ExpiresAt == null || r.ExpiresAt > now))
                .ToListAsync(cancellationToken);
            var others = active.Where(r => r.UserId != user).ToList();
            var mine = active.SingleOrDefault(r => r.UserId == user);
            if (others.Count == 0 && mine is not null)
            {
                alone.Add(vaultId);
                continue;
            }

            shared.Add(vaultId);
            if (mine is null) continue;
            if (vaultLock.Vault.OwnerId == user) blockers.Add(new AccountDeletionBlocker(vaultId, AccountDeletionBlocker.Owner));
            else if (mine.Permission == Permission.Admin && others.All(r => r.Permission != Permission.Admin))
                blockers.Add(new AccountDeletionBlocker(vaultId, AccountDeletionBlocker.SoleAdmin));
            if (others.Any(r => r.GranterId == user)) blockers.Add(new AccountDeletionBlocker(vaultId, AccountDeletionBlocker.SignedOthersAccess));
        }

        if (blockers.Count > 0) return new AccountVaultDataRemoval(blockers, 0, 0);

        var tenants = await db.Vaults.Where(v => alone.Contains(v.Id)).Select(v => v.TenantId).Distinct().ToListAsync(cancellationToken);
        var freed = new UsageDelta(
            -alone.Count,
            -await db.Entries.LongCountAsync(e => alone.Contains(e.VaultId) && !e.Deleted, cancellationToken),
            -(await db.Attachments.Where(a => alone.Contains(a.VaultId) && !a.Deleted).SumAsync(a => (long?)a.Size, cancellationToken) ?? 0));
        foreach (var vaultId in alone) await DeleteVaultAsync(vaultId, cancellationToken);
        // An account's vaults are all in its tenant.
        if (tenants is [var tenant]) await sender.Send(new ChangeUsageCommand(tenant.Value, freed, command.Transaction), cancellationToken);
        foreach (var vaultId in shared)
        {
            await using var vaultLock = await db.LockVaultAsync(vaultId, cancellationToken);
            if (vaultLock is null) continue;
            var revision = vaultLock.Vault.NextRevision(now);
            await db.AccessRecords.Where(r => r.VaultId == vaultId && r.UserId == user).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.UserId, former)
                .SetProperty(r => r.WrappedKey, Array.Empty<byte>())
                .SetProperty(r => r.GranterSignature, Array.Empty<byte>())
                .SetProperty(r => r.RevokedAt, r => r.RevokedAt ?? now)
                .SetProperty(r => r.Revision, revision)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
            await vaultLock.CommitAsync(cancellationToken);
        }

        await ReplaceReferencesAsync(user, former, cancellationToken);
        return new AccountVaultDataRemoval([], alone.Count, shared.Count);
    }

    /// <summary>The vault's rows go by cascade; its blobs become obsolete-blob rows the garbage collector deletes.</summary>
    private async Task DeleteVaultAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        var blobKeys = await db.EntryVersions.Where(v => v.VaultId == vaultId && v.BlobKey != null).Select(v => v.BlobKey!)
            .Union(db.Entries.Where(e => e.VaultId == vaultId && e.BlobKey != null).Select(e => e.BlobKey!))
            .Union(db.Attachments.Where(a => a.VaultId == vaultId && a.BlobKey != null).Select(a => a.BlobKey!))
            .ToListAsync(cancellationToken);
        var sessions = db.RekeySessions.Where(r => r.VaultId == vaultId).Select(r => r.Id);
        var staged = await db.StagedEntries.Where(e => sessions.Contains(e.SessionId) && e.BlobKey != null).Select(e => e.BlobKey!)
            .Union(db.StagedAttachments.Where(a => sessions.Contains(a.SessionId)).Select(a => a.BlobKey))
            .ToListAsync(cancellationToken);

        // Blobs staged by an open re-key session already have pending rows: they only become due now.
        var now = clock.GetUtcNow();
        await db.BlobGarbage.Where(g => staged.Contains(g.BlobKey)).ExecuteUpdateAsync(s => s.SetProperty(g => g.NotBefore, now), cancellationToken);
        var alreadyListed = await db.BlobGarbage.Where(g => blobKeys.Contains(g.BlobKey)).Select(g => g.BlobKey).ToListAsync(cancellationToken);
        foreach (var key in blobKeys.Except(alreadyListed)) blobs.Supersede(key);
        await db.SaveChangesAsync(cancellationToken);
        await db.Vaults.Where(v => v.Id == vaultId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The account's id in what stays (other members' vaults) becomes the former-member id; its own traces go.</summary>
    private async Task ReplaceReferencesAsync(UserId user, UserId former, CancellationToken cancellationToken)
    {
        await db.AccessRecords.Where(r => r.GranterId == user).ExecuteUpdateAsync(s => s.SetProperty(r => r.GranterId, former), cancellationToken);
        await db.Vaults.Where(v => v.CreatedBy == user).ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedBy, former), cancellationToken);
        await db.Entries.Where(e => e.UpdatedBy == user).ExecuteUpdateAsync(s => s.SetProperty(e => e.UpdatedBy, former), cancellationToken);
        await db.EntryVersions.Where(v => v.CreatedBy == user).ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedBy, former), cancellationToken);
        await db.Attachments.Where(a => a.CreatedBy == user).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedBy, former), cancellationToken);
        await db.Attachments.Where(a => a.UpdatedBy == user).ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedBy, former), cancellationToken);
        await db.RekeySessions.Where(r => r.CreatedBy == user).ExecuteDeleteAsync(cancellationToken);
    }
}
