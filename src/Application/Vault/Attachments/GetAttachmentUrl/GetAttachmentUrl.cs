using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Vault.Members;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Attachments.GetAttachmentUrl;

/// <summary>
/// A short-lived URL that downloads the attachment's (encrypted) body straight from the S3 store. The URL is a
/// bearer capability until it expires, so it is issued only after the same authorization as a download.
/// </summary>
public sealed record GetAttachmentUrlQuery(UserId UserId, Guid VaultId, Guid EntryId, Guid AttachmentId) : IQuery<Result<AttachmentUrl>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Read;
}

public sealed record AttachmentUrl(Uri Url, DateTimeOffset ExpiresAt);

public sealed class GetAttachmentUrlQueryHandler(IVaultDbContext db, AccessLog accessLog, IBlobStore blobs, VaultPolicy policy, TimeProvider clock)
    : IQueryHandler<GetAttachmentUrlQuery, Result<AttachmentUrl>>
{
    public async ValueTask<Result<AttachmentUrl>> Handle(GetAttachmentUrlQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var target = await db.RequireLiveEntryAsync(query.VaultId, query.EntryId, query.UserId, Permission.Read, now, cancellationToken);
        if (target.IsFailure) return target.Error;

        var blobKey = await db.LiveAttachment(query.VaultId, query.EntryId, query.AttachmentId)
            .Select(a => a.BlobKey).SingleOrDefaultAsync(cancellationToken);
        if (blobKey is null) return new AttachmentNotFound(query.AttachmentId);

        var url = await blobs.GetReadUrlAsync(blobKey, policy.AttachmentUrlLifetime, cancellationToken);
        if (url is null) return new PresignedUrlsUnavailable();
        await accessLog.RecordAttachmentAsync(query.VaultId, query.EntryId, query.UserId, now, cancellationToken);
        return new AttachmentUrl(url, now + policy.AttachmentUrlLifetime);
    }
}
