using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Contracts.Billing;
using PasswordManager.Application.Vault.History;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.History;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Attachments.UploadAttachment;

/// <summary>
/// Attaches a client-encrypted file to a live entry. <see cref="Content"/> streams straight into the blob store
/// (never buffered in memory); the metadata then commits under the vault lock with the next vault revision, and the
/// tenant's attachment bytes grow in the same transaction, within its plan.
/// </summary>
public sealed record UploadAttachmentCommand(UserId UserId, Guid VaultId, Guid EntryId, Guid AttachmentId, long KeyEpoch, Stream Content, string? History = null) : ICommand<Result<AttachmentState>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => UserId;

    Permission IVaultRequest.RequiredPermission => Permission.Write;
}

public sealed class UploadAttachmentCommandHandler(
    IVaultDbContext db, VaultWrites vaultWrites, AttachmentBlobs attachmentBlobs, ISender sender, VaultHistory history, TimeProvider clock)
    : ICommandHandler<UploadAttachmentCommand, Result<AttachmentState>>
{
    public async ValueTask<Result<AttachmentState>> Handle(UploadAttachmentCommand command, CancellationToken cancellationToken)
    {
        // Everything that can be refused is refused before the body is read, so a refused upload costs no transfer.
        var allowed = await CheckAsync(command, vaultKeyEpoch: null, cancellationToken);
        if (allowed.IsFailure) return allowed.Error;
        var record = VaultHistory.Decode(command.History);
        if (record.IsFailure) return record.Error;

        await using var hashed = new HashingReadStream(command.Content);
        var stored = await attachmentBlobs.StoreAsync(command.VaultId, command.AttachmentId, hashed, cancellationToken);
        if (stored.IsFailure) return stored.Error;
        var change = new AttachmentHistoryChange(command.EntryId, command.AttachmentId, false, hashed.Hash());
        return await CommitAsync(command, stored.Value, record.Value, change, cancellationToken);
    }

    private async Task<Result<AttachmentState>> CommitAsync(
        UploadAttachmentCommand command, StoredAttachment stored, HistoryRecord? record, AttachmentHistoryChange change, CancellationToken cancellationToken)
    {
        await using var vaultLock = await vaultWrites.LockAsync(command.VaultId, cancellationToken);
        if (vaultLock is null) return new VaultNotFound(command.VaultId);
        // Checked again under the lock: access, the entry and the id may have changed while the body streamed.
        var allowed = await CheckAsync(command, vaultLock.Vault.KeyEpoch, cancellationToken);
        if (allowed.IsFailure) return allowed.Error;

        var now = clock.GetUtcNow();
        var attachment = Attachment.Create(
            command.AttachmentId, command.VaultId, command.EntryId, command.KeyEpoch, stored.Size, stored.BlobKey, command.UserId,
            vaultLock.Vault.NextRevision(now), now);
        db.Attachments.Add(attachment);
        var chained = await history.AppendAsync(vaultLock.Vault, command.UserId, record, [change], cancellationToken);
        if (chained.IsFailure) return chained.Error;
        var counted = await sender.Send(
            new ChangeUsageCommand(vaultLock.Vault.TenantId.Value, new UsageDelta(AttachmentBytes: stored.Size), vaultLock.Transaction), cancellationToken);
        if (counted.IsFailure) return counted.Error;
        await vaultLock.CommitAsync(cancellationToken);
        return AttachmentState.Of(attachment);
    }

    private async Task<Result> CheckAsync(UploadAttachmentCommand command, long? vaultKeyEpoch, CancellationToken cancellationToken)
    {
        var target = await db.RequireLiveEntryAsync(
            command.VaultId, command.EntryId, command.UserId, Permission.Write, clock.GetUtcNow(), cancellationToken);
        if (target.IsFailure) return target;

        var keyEpoch = vaultKeyEpoch
            ?? await db.Vaults.Where(v => v.Id == command.VaultId).Select(v => v.KeyEpoch).SingleAsync(cancellationToken);
        if (command.KeyEpoch != keyEpoch) return new StaleKeyEpoch(command.VaultId, keyEpoch);

        var existing = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == command.AttachmentId, cancellationToken);
        if (existing is null) return Result.Success();
        // An id used in another vault answers "not found", so attachment ids cannot be probed across vaults.
        return existing.VaultId == command.VaultId
            ? new AttachmentExists(AttachmentState.Of(existing))
            : new AttachmentNotFound(command.AttachmentId);
    }
}
