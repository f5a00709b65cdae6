using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Attachments.ListAttachments;

/// <summary>The live attachments of an entry, oldest first.</summary>
public sealed record ListAttachmentsQuery(UserId UserId, Guid VaultId, Guid EntryId) : IQuery<Result<ListAttachmentsResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed record ListAttachmentsResult(IReadOnlyList<AttachmentState> Items);

public sealed class ListAttachmentsQueryHandler(IVaultDbContext db, TimeProvider clock) : IQueryHandler<ListAttachmentsQuery, Result<ListAttachmentsResult>>
{
    public async ValueTask<Result<ListAttachmentsResult>> Handle(ListAttachmentsQuery query, CancellationToken cancellationToken)
    {
        var target = await db.RequireLiveEntryAsync(query.VaultId, query.EntryId, query.UserId, Permission.Read, clock.GetUtcNow(), cancellationToken);
        if (target.IsFailure) return target.Error;

        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => a.VaultId == query.VaultId && a.EntryId == query.EntryId && !a.Deleted)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return new ListAttachmentsResult(attachments.Select(AttachmentState.Of).ToList());
    }
}
