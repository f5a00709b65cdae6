using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Attachments;
using PasswordManager.Domain.Vault.Entries;

namespace PasswordManager.Domain.Vault;

public sealed record VaultNotFound(Guid VaultId)
    : NotFoundError("vault.not_found", "The vault does not exist or you have no access to it.");

public sealed record EntryNotFound(Guid EntryId)
    : NotFoundError("vault.entry_not_found", "The entry does not exist.");

public sealed record EntryVersionNotFound(Guid EntryId, long Version)
    : NotFoundError("vault.entry_version_not_found", "That version of the entry is not kept.");

public sealed record VaultAlreadyExists(Guid VaultId)
    : ConflictError("vault.already_exists", "A vault with this id exists already.");

public sealed record WriteForbidden(Guid VaultId)
    : ForbiddenError("vault.write_forbidden", "Your access to this vault is read-only.");

public sealed record AdminForbidden(Guid VaultId)
    : ForbiddenError("vault.admin_forbidden", "Only an admin of this vault may do this.");

/// <summary>The write named a version that is not the current one; <see cref="Current"/> is what the server holds.</summary>
public sealed record StaleEntryVersion(EntryState Current)
    : ConflictError("vault.stale_version", "The entry changed since you read it. Merge with the current version and retry.")
{
    public override object? Details => Current;
}

public sealed record StaleKeyEpoch(Guid VaultId, long CurrentKeyEpoch)
    : ConflictError("vault.stale_key_epoch", "The vault was re-keyed. Sync to get the new vault key and re-encrypt.")
{
    public override object? Details => new { VaultId, CurrentKeyEpoch };
}

/// <summary>Writes that could not apply, with the server's current state of each; nothing was written.</summary>
public sealed record EntryConflicts(IReadOnlyList<EntryConflict> Conflicts)
    : ConflictError("vault.stale_version", "Entries changed since you read them; nothing was written. Merge with the current versions and retry.")
{
    public override object? Details => Conflicts;
}

public sealed record SyncCursorExpired(Guid VaultId)
    : ConflictError("vault.resync_required", "Your sync cursor is older than the kept deletions. Sync again without a cursor.")
{
    public override object? Details => new { VaultId };
}

public sealed record SyncCursorAhead(Guid VaultId)
    : ConflictError("vault.resync_required", "Your sync cursor names a vault revision this server never reached (was it restored from a backup?). Sync again without a cursor.")
{
    public override object? Details => new { VaultId };
}

public sealed record InvalidSyncCursor()
    : ValidationError("vault.invalid_cursor", "The sync cursor is not one this server issued.");

public sealed record PersonalVaultExists()
    : ConflictError("vault.personal_exists", "You have a personal vault already.");

public sealed record InvalidArchive(string Reason)
    : ValidationError("vault.invalid_archive", "The archive cannot be imported: " + Reason);

public sealed record ArchiveOfAnotherAccount()
    : ForbiddenError("vault.archive_of_another_account", "This archive belongs to another account. Register that account (same key material) and import while logged in as it.");

public sealed record MemberNotFound(Guid UserId)
    : NotFoundError("vault.member_not_found", "That user is not a member of this vault.");

public sealed record RecipientNotFound(Guid UserId)
    : NotFoundError("vault.recipient_not_found", "No such user in your tenant.");

public sealed record AlreadyMember(Guid UserId)
    : ConflictError("vault.already_member", "That user is a member already; change their permission instead.");

public sealed record SoleAdmin()
    : ConflictError("vault.sole_admin", "The vault's last admin can neither leave, be demoted nor be revoked. Make another member admin first.");

public sealed record OwnerProtected()
    : ConflictError("vault.owner_protected", "The vault's owner can neither leave, be demoted nor be revoked. Transfer ownership first.");

public sealed record OwnerForbidden(Guid VaultId)
    : ForbiddenError("vault.owner_forbidden", "Only the vault's owner may do this.");

public sealed record NewOwnerNotAdmin(Guid UserId)
    : ConflictError("vault.owner_must_be_admin", "Ownership can only go to an active admin of the vault. Make the member admin first.");

public sealed record PersonalVaultNotShareable()
    : ForbiddenError("vault.personal_not_shareable", "A personal vault cannot be shared; create a shared vault.");

/// <summary>
/// A re-key commit that does not cover exactly the vault's live entries, the live attachments of those entries
/// and the remaining members; nothing was applied.
/// </summary>
public sealed record RekeyMismatch(long CurrentKeyEpoch, IReadOnlyList<Guid> MissingEntries, IReadOnlyList<Guid> UnexpectedEntries,
    IReadOnlyList<EntryConflict> StaleEntries, IReadOnlyList<Guid> MissingMembers, IReadOnlyList<Guid> UnexpectedMembers,
    IReadOnlyList<Guid> MissingAttachments, IReadOnlyList<Guid> UnexpectedAttachments)
    : ConflictError("vault.rekey_mismatch", "The vault changed or the re-key does not cover it exactly; nothing was applied. Sync and retry.")
{
    public bool IsEmpty => MissingEntries.Count + UnexpectedEntries.Count + StaleEntries.Count + MissingMembers.Count + UnexpectedMembers.Count
        + MissingAttachments.Count + UnexpectedAttachments.Count == 0;

    public override object? Details => new
    {
        CurrentKeyEpoch, MissingEntries, UnexpectedEntries, StaleEntries, MissingMembers, UnexpectedMembers, MissingAttachments, UnexpectedAttachments,
    };
}

public sealed record RekeySessionOpen(Guid SessionId)
    : ConflictError("vault.rekey_session_open", "A re-key session is open for this vault already: resume it, or abort it first.")
{
    public override object? Details => new { SessionId };
}

public sealed record RekeySessionNotFound(Guid SessionId)
    : NotFoundError("vault.rekey_session_not_found", "No such open re-key session for this vault (it may have been committed, aborted or expired).");

public sealed record AttachmentNotFound(Guid AttachmentId)
    : NotFoundError("vault.attachment_not_found", "The attachment does not exist.");

/// <summary>Attachments are immutable: an id is used once. <see cref="Current"/> is what the server holds.</summary>
public sealed record AttachmentExists(AttachmentState Current)
    : ConflictError("vault.attachment_exists", "An attachment with this id exists already; upload a changed file under a new id.")
{
    public override object? Details => Current;
}

public sealed record AttachmentEmpty()
    : ValidationError("vault.attachment_empty", "The attachment body is empty.");

/// <summary>Answered with 413: the body grew past the limit while it streamed (a declared length is refused earlier).</summary>
public sealed record AttachmentTooLarge(long MaxBytes)
    : PayloadTooLargeError("vault.attachment_too_large", $"The attachment is larger than {MaxBytes} bytes.");

/// <summary>The blob store cannot issue presigned URLs (the filesystem store): download through the API instead.</summary>
public sealed record PresignedUrlsUnavailable()
    : NotFoundError("vault.presigned_urls_unavailable", "This server's blob store does not issue download URLs; download the attachment from the API.");

/// <summary>The write's history record does not extend the vault's head; <see cref="Head"/> is the current one.</summary>
public sealed record HistoryHeadMoved(History.HistoryHead Head)
    : ConflictError("vault.history_head_moved", "The vault's history moved on since you read it. Sync, then sign your change again on the new head.")
{
    public override object? Details => new { Head.Seq, Hash = Convert.ToBase64String(Head.Hash) };
}

public sealed record HistoryRecordRequired(Guid VaultId)
    : ValidationError("vault.history_record_required", "This vault keeps a signed history: every write must carry its history record.")
{
    public override object? Details => new { VaultId };
}

public sealed record InvalidHistoryRecord(string Reason)
    : ValidationError("vault.invalid_history_record", "The history record is invalid: " + Reason)
{
    public override object? Details => new { Reason };
}

public sealed record InvalidHistoryHeads()
    : ValidationError("vault.invalid_history_heads", "The heads parameter is not base64url of version byte 1 and (vault id, seq, hash) tuples.");

/// <summary>
/// A head the client holds is not in this server's chain; <see cref="Server"/> is the server's record at that seq, or
/// its head when the held seq is beyond it.
/// </summary>
public sealed record HistoryFork(Guid VaultId, History.HistoryHead Server)
    : ConflictError("vault.history_fork", "The vault history you verified is not the one this server holds.")
{
    public override object? Details => new { VaultId, Server.Seq, Hash = Convert.ToBase64String(Server.Hash) };
}
