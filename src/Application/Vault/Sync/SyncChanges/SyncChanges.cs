using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.History.GetHistory;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Domain.Vault.Exposure;
using PasswordManager.Domain.Vault.History;

namespace PasswordManager.Application.Vault.Sync.SyncChanges;

/// <summary>
/// Everything the caller's access changed since <see cref="Cursor"/>, a page at a time. Without a cursor it is a
/// full sync (live entries and their live attachments only). The cost follows the number of changes: each vault is read from its own
/// revision onwards through the (vault, revision) index.
/// </summary>
/// <remarks>
/// <see cref="Heads"/>: the history heads the client verified (<see cref="HistoryHeads"/>); one this server's chain does
/// not contain is a 409 <c>vault.history_fork</c>.
/// </remarks>
public sealed record SyncChangesQuery(UserId UserId, string? Cursor, int? Limit, string? Heads = null) : IQuery<Result<SyncChangesResult>>;

public sealed record SyncChangesResult(
    string Cursor, bool HasMore, IReadOnlyList<VaultSummary> Vaults, IReadOnlyList<Guid> LostAccess, IReadOnlyList<SyncedEntry> Entries,
    IReadOnlyList<AttachmentState> Attachments, IReadOnlyList<SyncedHistory> History);

/// <summary>
/// A vault's history records whose revision lies in the revision window this page serves for it (a full sync starts
/// at the latest checkpoint), and the head as of the window's end: after the last page the client holds the records
/// up to exactly the revision it synced.
/// </summary>
public sealed record SyncedHistory(Guid VaultId, IReadOnlyList<HistoryItem> Records, HistoryHeadView Head);

/// <summary>An entry change. <see cref="Ciphertext"/> is inline when small; otherwise fetch it (<see cref="CiphertextInline"/> false).</summary>
public sealed record SyncedEntry(EntryState Entry, bool CiphertextInline, byte[]? Ciphertext);

public sealed class SyncChangesQueryHandler(IVaultDbContext db, AccessLog accessLog, VaultMetrics metrics, VaultPolicy policy, TimeProvider clock)
    : IQueryHandler<SyncChangesQuery, Result<SyncChangesResult>>
{
    public async ValueTask<Result<SyncChangesResult>> Handle(SyncChangesQuery query, CancellationToken cancellationToken)
    {
        if (!SyncCursor.TryParse(query.Cursor, out var known)) return new InvalidSyncCursor();
        if (!HistoryHeads.TryParse(query.Heads, out var heldHeads)) return new InvalidHistoryHeads();
        var now = clock.GetUtcNow();
        var records = await db.AccessRecords.AsNoTracking().Where(r => r.UserId == query.UserId).ToListAsync(cancellationToken);
        var active = records.Where(r => r.IsActive(now)).ToDictionary(r => r.VaultId);
        foreach (var (vaultId, held) in heldHeads.Where(h => active.ContainsKey(h.Key)))
        {
            var fork = await ForkAsync(vaultId, held, cancellationToken);
            if (fork is not null) return fork;
        }
        var lostAccess = known.Keys.Where(v => !active.ContainsKey(v)).Order().ToList();

        var activeIds = active.Keys.ToList();
        var vaults = await db.Vaults.AsNoTracking().Where(v => activeIds.Contains(v.Id)).OrderBy(v => v.Id).ToListAsync(cancellationToken);
        var advice = await RekeyAdvice.ForAdminAsync(db, vaults.Select(v => (v, active[v.Id])), now, cancellationToken);

        var next = new Dictionary<Guid, long>();
        var changedVaults = new List<VaultSummary>();
        var entries = new List<SyncedEntry>();
        var attachments = new List<AttachmentState>();
        var entryBudget = Math.Min(query.Limit ?? policy.SyncPageMaxEntries, policy.SyncPageMaxEntries);
        var byteBudget = policy.SyncPageMaxBytes;
        var hasMore = false;
        var windows = new List<(Guid VaultId, long From, long Through)>();

        foreach (var vault in vaults)
        {
            var from = known.GetValueOrDefault(vault.Id);
            if (hasMore)
            {
                if (known.ContainsKey(vault.Id)) next[vault.Id] = from;
                continue;
            }

            if (from > 0 && from < vault.PurgedThroughRevision) return new SyncCursorExpired(vault.Id);
            // The server never reached this revision (say, its database was restored from a backup): what the
            // client holds of the vault cannot be trusted to match, and "no changes" would hide that for good.
            if (from > vault.Revision) return new SyncCursorAhead(vault.Id);
            var access = active[vault.Id];
            // An expiry or a departure is not a write to the admin's own record, so a vault that should be
            // re-keyed is sent to its admins on every sync until it is.
            var reasons = advice.GetValueOrDefault(vault.Id);
            if (from == 0 || from < vault.MetadataRevision || from < access.Revision || reasons?.Count > 0)
                changedVaults.Add(VaultSummary.Of(vault, access, reasons));
            if (from >= vault.Revision)
            {
                next[vault.Id] = from;
                continue;
            }

            var changes = db.Entries.AsNoTracking().Where(e => e.VaultId == vault.Id && e.Revision > from);
            if (from == 0) changes = changes.Where(e => !e.Deleted);
            var page = await changes.OrderBy(e => e.Revision).Take(entryBudget + 1).ToListAsync(cancellationToken);
            var attachmentChanges = db.Attachments.AsNoTracking().Where(a => a.VaultId == vault.Id && a.Revision > from);
            if (from == 0) attachmentChanges = attachmentChanges.Where(a => !a.Deleted && db.Entries.Any(e => e.Id == a.EntryId && !e.Deleted));
            var attachmentPage = await attachmentChanges.OrderBy(a => a.Revision).Take(entryBudget + 1).ToListAsync(cancellationToken);

            // Entries and attachments share the vault's revisions: merged in revision order, they page as one
            // stream (an attachment counts as one item and costs no bytes).
            var merged = page.Select(e => (e.Revision, Entry: (Entry?)e, Attachment: (Attachment?)null))
                .Concat(attachmentPage.Select(a => (a.Revision, Entry: (Entry?)null, Attachment: (Attachment?)a)))
                .OrderBy(c => c.Revision);
            var reached = from;
            foreach (var (revision, entry, attachment) in merged)
            {
                var cost = entry?.InlineCiphertext?.Length ?? 0;
                if (entryBudget == 0 || (cost > byteBudget && entries.Count + attachments.Count > 0))
                {
                    hasMore = true;
                    break;
                }

                if (entry is not null)
                    entries.Add(new SyncedEntry(EntryState.Of(entry), entry.InlineCiphertext is not null || entry.Deleted, entry.InlineCiphertext));
                else
                    attachments.Add(AttachmentState.Of(attachment!));
                (entryBudget, byteBudget, reached) = (entryBudget - 1, byteBudget - cost, revision);
            }

            // The vault's revision was read before its entries, so a write committed in between is sent again
            // next time rather than skipped.
            next[vault.Id] = hasMore ? reached : vault.Revision;
            if (from == 0 || next[vault.Id] > from) windows.Add((vault.Id, from, next[vault.Id]));
        }

        var history = new List<SyncedHistory>();
        foreach (var (vaultId, from, through) in windows)
            if (await HistoryWindowAsync(vaultId, from, through, cancellationToken) is { } synced) history.Add(synced);

        await accessLog.RecordAsync(
            query.UserId,
            [.. entries.Where(e => e.Ciphertext is not null).Select(e => new FetchedEntry(e.Entry.VaultId, e.Entry.EntryId, e.Entry.Version))],
            now, cancellationToken);
        metrics.Synced(entries.Count);
        return new SyncChangesResult(SyncCursor.Format(next), hasMore, changedVaults, lostAccess, entries, attachments, history);
    }

    /// <summary>Null when the vault has no records up to <paramref name="through"/>.</summary>
    private async Task<SyncedHistory?> HistoryWindowAsync(Guid vaultId, long from, long through, CancellationToken cancellationToken)
    {
        var upToWindow = db.HistoryRecords.AsNoTracking().Where(r => r.VaultId == vaultId && r.Revision <= through);
        var head = await upToWindow.OrderByDescending(r => r.Seq).Select(r => new { r.Seq, r.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (head is null) return null;
        var startSeq = from == 0
            ? await upToWindow.Where(r => r.Checkpoint).MaxAsync(r => (long?)r.Seq, cancellationToken) ?? 1
            : (await upToWindow.Where(r => r.Revision <= from).MaxAsync(r => (long?)r.Seq, cancellationToken) ?? 0) + 1;
        var served = await upToWindow.Where(r => r.Seq >= startSeq).OrderBy(r => r.Seq).ToListAsync(cancellationToken);
        return new SyncedHistory(vaultId, [.. served.Select(HistoryItem.Of)], new HistoryHeadView(head.Seq, head.Hash));
    }

    /// <summary>The server's record at the held seq when its hash differs, or the server's head when the held seq is beyond it.</summary>
    private async Task<HistoryFork?> ForkAsync(Guid vaultId, HistoryHead held, CancellationToken cancellationToken)
    {
        var atSeq = await db.HistoryRecords.AsNoTracking().Where(r => r.VaultId == vaultId && r.Seq == held.Seq)
            .Select(r => r.Hash).FirstOrDefaultAsync(cancellationToken);
        if (atSeq is not null) return held.Hash.AsSpan().SequenceEqual(atSeq) ? null : new HistoryFork(vaultId, new HistoryHead(held.Seq, atSeq));
        if (held.Seq == 0) return null;
        var head = await db.HistoryRecords.AsNoTracking().Where(r => r.VaultId == vaultId).OrderByDescending(r => r.Seq)
            .Select(r => new { r.Seq, r.Hash }).FirstOrDefaultAsync(cancellationToken);
        return new HistoryFork(vaultId, head is null ? HistoryHead.Empty : new HistoryHead(head.Seq, head.Hash));
    }
}
