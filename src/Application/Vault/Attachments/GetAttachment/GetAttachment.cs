using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Attachments.GetAttachment;

public sealed record GetAttachmentQuery(UserId UserId, Guid VaultId, Guid EntryId, Guid AttachmentId) : IQuery<Result<AttachmentContent>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

/// <summary>The attachment's metadata and its body, open for streaming; the receiver disposes <see cref="Content"/>.</summary>
public sealed record AttachmentContent(AttachmentState Attachment, Stream Content);

public sealed class GetAttachmentQueryHandler(IVaultDbContext db, AccessLog accessLog, IBlobStore blobs, TimeProvider clock)
    : IQueryHandler<GetAttachmentQuery, Result<AttachmentContent>>
{
    public async ValueTask<Result<AttachmentContent>> Handle(GetAttachmentQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var target = await db.RequireLiveEntryAsync(query.VaultId, query.EntryId, query.UserId, Permission.Read, now, cancellationToken);
        if (target.IsFailure) return target.Error;

        var live = db.LiveAttachment(query.VaultId, query.EntryId, query.AttachmentId).AsNoTracking();
        var attachment = await live.SingleOrDefaultAsync(cancellationToken);
        if (attachment is null) return new AttachmentNotFound(query.AttachmentId);

        var content = await blobs.OpenReadAsync(attachment.BlobKey!, cancellationToken);
        if (content is not null)
        {
            await accessLog.RecordAttachmentAsync(query.VaultId, query.EntryId, query.UserId, now, cancellationToken);
            return new AttachmentContent(AttachmentState.Of(attachment), content);
        }

        // A delete committed since the metadata was read (its blob goes right after the commit).
        if (!await live.AnyAsync(cancellationToken)) return new AttachmentNotFound(query.AttachmentId);
        throw new InvalidOperationException($"Blob {attachment.BlobKey} is referenced but missing.");
    }
}
