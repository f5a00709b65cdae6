using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Attachments.ListVaultAttachments;

/// <summary>
/// The live attachments of the vault's live entries (the set a re-key must cover), metadata only, in attachment id
/// order a page at a time: pass <see cref="ListVaultAttachmentsResult.Next"/> as <see cref="After"/>.
/// </summary>
public sealed record ListVaultAttachmentsQuery(UserId UserId, Guid VaultId, Guid? After, int Limit)
    : IQuery<Result<ListVaultAttachmentsResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed record ListVaultAttachmentsResult(IReadOnlyList<AttachmentState> Items, Guid? Next);

public sealed class ListVaultAttachmentsQueryHandler(IVaultDbContext db, TimeProvider clock)
    : IQueryHandler<ListVaultAttachmentsQuery, Result<ListVaultAttachmentsResult>>
{
    public async ValueTask<Result<ListVaultAttachmentsResult>> Handle(ListVaultAttachmentsQuery query, CancellationToken cancellationToken)
    {
        var access = await db.RequireAsync(query.VaultId, query.UserId, Permission.Read, clock.GetUtcNow(), cancellationToken);
        if (access.IsFailure) return access.Error;

        var liveEntries = db.Entries.Where(e => e.VaultId == query.VaultId && !e.Deleted).Select(e => e.Id);
        var attachments = db.Attachments.AsNoTracking().Where(a => a.VaultId == query.VaultId && !a.Deleted && liveEntries.Contains(a.EntryId));
        if (query.After is { } after) attachments = attachments.Where(a => a.Id.CompareTo(after) > 0);
        var rows = await attachments.OrderBy(a => a.Id).Take(query.Limit + 1).ToListAsync(cancellationToken);

        var hasMore = rows.Count > query.Limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        return new ListVaultAttachmentsResult([.. rows.Select(AttachmentState.Of)], hasMore ? rows[^1].Id : null);
    }
}
