using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.RekeySessions;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.RekeySessions;

/// <summary>A session as its client resumes it: what is staged so far (entries with the version each replaces, attachments).</summary>
public sealed record RekeySessionState(
    Guid SessionId, Guid VaultId, long FromKeyEpoch, IReadOnlyList<Guid> Revoke, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    int UploadedEntries, IReadOnlyList<StagedEntryRef> Uploaded, IReadOnlyList<Guid> UploadedAttachments)
{
    public static async Task<RekeySessionState> ReadAsync(IVaultDbContext db, RekeySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(session);
        var entries = await db.StagedEntries.AsNoTracking().Where(e => e.SessionId == session.Id)
            .OrderBy(e => e.EntryId).Select(e => new StagedEntryRef(e.EntryId, e.ReplacesVersion)).ToListAsync(cancellationToken);
        var attachments = await db.StagedAttachments.AsNoTracking().Where(a => a.SessionId == session.Id)
            .OrderBy(a => a.AttachmentId).Select(a => a.AttachmentId).ToListAsync(cancellationToken);
        return new RekeySessionState(
            session.Id, session.VaultId, session.FromKeyEpoch, session.Revoke, session.CreatedAt, session.ExpiresAt, entries.Count, entries, attachments);
    }
}

public sealed record StagedEntryRef(Guid EntryId, long ReplacesVersion);

internal static class RekeySessionAccess
{
    /// <summary>The caller is an admin of the vault (<see cref="VaultAccess"/>) and the session is an open one of that vault.</summary>
    public static async Task<Result<RekeySession>> RequireOpenSessionAsync(
        this IVaultDbContext db, Guid vaultId, Guid sessionId, UserId admin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var access = await db.RequireAsync(vaultId, admin, Permission.Admin, now, cancellationToken);
        if (access.IsFailure) return access.Error;
        var session = await db.RekeySessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.VaultId == vaultId, cancellationToken);
        return session is not null && session.IsOpen(now) ? session : new RekeySessionNotFound(sessionId);
    }

    /// <summary>Staged blobs must outlive the session: they count as garbage only after it has expired.</summary>
    public static TimeSpan StagingGrace(this RekeySession session, VaultPolicy policy, DateTimeOffset now) =>
        session.ExpiresAt - now + policy.PendingBlobGrace;

    public static async Task<List<string>> StagedBlobKeysAsync(this IVaultDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var entries = await db.StagedEntries.Where(e => e.SessionId == sessionId && e.BlobKey != null).Select(e => e.BlobKey!).ToListAsync(cancellationToken);
        var attachments = await db.StagedAttachments.Where(a => a.SessionId == sessionId).Select(a => a.BlobKey).ToListAsync(cancellationToken);
        return [.. entries, .. attachments];
    }

    /// <summary>Ends a session without committing it: its staged blobs become garbage, its rows go (staging cascades).</summary>
    public static async Task DiscardAsync(this IVaultDbContext db, BlobWrites writes, Guid sessionId, CancellationToken cancellationToken)
    {
        await writes.DiscardStagedAsync(await db.StagedBlobKeysAsync(sessionId, cancellationToken), cancellationToken);
        await db.RekeySessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
    }
}
