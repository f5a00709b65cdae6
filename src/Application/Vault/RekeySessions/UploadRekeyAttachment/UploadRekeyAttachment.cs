using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Attachments;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.RekeySessions;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.Domain.Vault;

namespace PasswordManager.Application.Vault.RekeySessions.UploadRekeyAttachment;

/// <summary>
/// Stages one live attachment's body re-encrypted under the session's new key (streamed, never held in
/// memory). Uploading it again replaces the staged body.
/// </summary>
public sealed record UploadRekeyAttachmentCommand(UserId AdminId, Guid VaultId, Guid SessionId, Guid AttachmentId, Stream Content) : ICommand<Result<UploadRekeyAttachmentResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed record UploadRekeyAttachmentResult(Guid AttachmentId, long Size, int UploadedAttachments);

public sealed class UploadRekeyAttachmentCommandHandler(
    IVaultDbContext db, AttachmentBlobs attachmentBlobs, BlobWrites writes, VaultPolicy policy, TimeProvider clock)
    : ICommandHandler<UploadRekeyAttachmentCommand, Result<UploadRekeyAttachmentResult>>
{
    public async ValueTask<Result<UploadRekeyAttachmentResult>> Handle(UploadRekeyAttachmentCommand command, CancellationToken cancellationToken)
    {
        // Refused before the body is read, so a refused upload costs no transfer.
        var now = clock.GetUtcNow();
        var found = await db.RequireOpenSessionAsync(command.VaultId, command.SessionId, command.AdminId, now, cancellationToken);
        if (found.IsFailure) return found.Error;
        var session = found.Value;
        var live = await db.Attachments.AnyAsync(
            a => a.Id == command.AttachmentId && a.VaultId == command.VaultId && !a.Deleted
                && db.Entries.Any(e => e.Id == a.EntryId && !e.Deleted), cancellationToken);
        if (!live) return new AttachmentNotFound(command.AttachmentId);

        var stored = await attachmentBlobs.StoreAsync(command.VaultId, command.AttachmentId, command.Content, cancellationToken, session.StagingGrace(policy, now));
        if (stored.IsFailure) return stored.Error;
        var staged = await db.StagedAttachments.SingleOrDefaultAsync(a => a.SessionId == session.Id && a.AttachmentId == command.AttachmentId, cancellationToken);
        string? previous = null;
        if (staged is null) db.StagedAttachments.Add(StagedAttachment.Stage(session.Id, command.AttachmentId, stored.Value.Size, stored.Value.BlobKey, now));
        else previous = staged.Replace(stored.Value.Size, stored.Value.BlobKey, now);
        await writes.SaveStagedAsync(cancellationToken);
        if (previous is not null) await writes.DiscardStagedAsync([previous], cancellationToken);

        var count = await db.StagedAttachments.CountAsync(a => a.SessionId == session.Id, cancellationToken);
        return new UploadRekeyAttachmentResult(command.AttachmentId, stored.Value.Size, count);
    }
}
