using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Attachments;

internal static class AttachmentTargets
{
    /// <summary>The caller's access to the vault (<see cref="VaultAccess"/>), then a live entry of that vault.</summary>
    public static async Task<Result> RequireLiveEntryAsync(
        this IVaultDbContext db, Guid vaultId, Guid entryId, UserId user, Permission needed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var access = await db.RequireAsync(vaultId, user, needed, now, cancellationToken);
        if (access.IsFailure) return access.Error;
        // An entry of another vault answers "not found" too, so entry ids cannot be probed across vaults.
        var live = await db.Entries.AnyAsync(e => e.Id == entryId && e.VaultId == vaultId && !e.Deleted, cancellationToken);
        return live ? Result.Success() : new EntryNotFound(entryId);
    }

    /// <summary>The attachment when it is live and belongs to that entry of that vault.</summary>
    public static IQueryable<Domain.Vault.Attachments.Attachment> LiveAttachment(this IVaultDbContext db, Guid vaultId, Guid entryId, Guid attachmentId) =>
        db.Attachments.Where(a => a.Id == attachmentId && a.VaultId == vaultId && a.EntryId == entryId && !a.Deleted);
}
