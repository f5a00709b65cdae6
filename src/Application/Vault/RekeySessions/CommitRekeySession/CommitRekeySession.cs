using Mediator;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Application.Vault.Attachments;
using PasswordManager.Application.Vault.Rekeying;
using PasswordManager.Application.Vault.Storage;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.RekeySessions.CommitRekeySession;

/// <summary>
/// Applies a staged re-key through <see cref="RekeyCommit"/> (the same checks and transaction as the one-shot
/// re-key), with the keys wrapped for the remaining members. If the staging does not match the vault exactly,
/// nothing changes and the session stays open for the client to upload what is missing and retry.
/// </summary>
public sealed record CommitRekeySessionCommand(
    UserId AdminId, Guid VaultId, Guid SessionId, IReadOnlyList<RekeyedMember> Members, string? EncryptedMetadata = null,
    string? History = null) : ICommand<Result<RekeyVaultResult>>, IVaultRequest
{
    UserId IVaultRequest.CallerId => AdminId;

    Permission IVaultRequest.RequiredPermission => Permission.Admin;
}

public sealed class CommitRekeySessionCommandHandler(IVaultDbContext db, RekeyCommit commit, BlobWrites writes, TimeProvider clock)
    : ICommandHandler<CommitRekeySessionCommand, Result<RekeyVaultResult>>
{
    public async ValueTask<Result<RekeyVaultResult>> Handle(CommitRekeySessionCommand command, CancellationToken cancellationToken)
    {
        var found = await db.RequireOpenSessionAsync(command.VaultId, command.SessionId, command.AdminId, clock.GetUtcNow(), cancellationToken);
        if (found.IsFailure) return found.Error;
        var session = found.Value;

        var entries = await db.StagedEntries.AsNoTracking().Where(e => e.SessionId == session.Id).ToListAsync(cancellationToken);
        var attachments = await db.StagedAttachments.AsNoTracking().Where(a => a.SessionId == session.Id).ToListAsync(cancellationToken);
        var plan = new RekeyPlan(
            command.AdminId, command.VaultId, session.FromKeyEpoch, session.Revoke,
            entries.ToDictionary(e => e.EntryId, e => new RekeyedCiphertext(e.ReplacesVersion, e.Ciphertext, e.NameIndex)),
            attachments.ToDictionary(a => a.AttachmentId, a => new StoredAttachment(a.BlobKey, a.Size)),
            command.Members,
            command.EncryptedMetadata,
            command.History);
        List<string> staged = [.. entries.Where(e => e.BlobKey is not null).Select(e => e.BlobKey!), .. attachments.Select(a => a.BlobKey)];
        return await commit.ApplyAsync(plan, async () =>
        {
            // In the commit's transaction: the staged blobs are referenced now, and the session is done.
            await writes.AdoptStagedAsync(staged, cancellationToken);
            await db.RekeySessions.Where(s => s.Id == session.Id).ExecuteDeleteAsync(cancellationToken);
        }, cancellationToken);
    }
}
