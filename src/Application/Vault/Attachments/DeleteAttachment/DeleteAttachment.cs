using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Application.Vault.History;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.History;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Attachments.DeleteAttachment;

/// <summary>Turns the attachment into a tombstone that syncs to every device; its blob is deleted after the commit.</summary>
public sealed record DeleteAttachmentCommand(UserId UserId, Guid VaultId, Guid EntryId, Guid AttachmentId, string? History = null) : ICommand<Result<AttachmentState>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Write;
}

public sealed class DeleteAttachmentCommandHandler(
    IVaultDbContext db, VaultWrites vaultWrites, AttachmentBlobs attachmentBlobs, ISender sender, VaultHistory history, TimeProvider clock)
    : ICommandHandler<DeleteAttachmentCommand, Result<AttachmentState>>
{
    public async ValueTask<Result<AttachmentState>> Handle(DeleteAttachmentCommand command, CancellationToken cancellationToken)
    {
        var allowed = await db.RequireLiveEntryAsync(
            command.VaultId, command.EntryId, command.UserId, Permission.Write, clock.GetUtcNow(), cancellationToken);
        if (allowed.IsFailure) return allowed.Error;
        var record = VaultHistory.Decode(command.History);
        if (record.IsFailure) return record.Error;

        await using (var vaultLock = await vaultWrites.LockAsync(command.VaultId, cancellationToken))
        {
            if (vaultLock is null) return new VaultNotFound(command.VaultId);
            var attachment = await db.LiveAttachment(command.VaultId, command.EntryId, command.AttachmentId).SingleOrDefaultAsync(cancellationToken);
            if (attachment is null) return new AttachmentNotFound(command.AttachmentId);

            var now = clock.GetUtcNow();
            var freed = attachment.Size;
            attachmentBlobs.Supersede(attachment.Delete(command.UserId, vaultLock.Vault.NextRevision(now), now));
            var chained = await history.AppendAsync(
                vaultLock.Vault, command.UserId, record.Value, [AttachmentHistoryChange.Deletion(command.EntryId, command.AttachmentId)], cancellationToken);
            if (chained.IsFailure) return chained.Error;
            await sender.Send(
                new ChangeUsageCommand(vaultLock.Vault.TenantId.Value, new UsageDelta(AttachmentBytes: -freed), vaultLock.Transaction), cancellationToken);
            await vaultLock.CommitAsync(cancellationToken);
            return AttachmentState.Of(attachment);
        }
    }
}
