using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Sharing;

// The codes are API and stay those of the Vault module, where sharing began (ADR-0031). The vault errors below are
// Vault's answers that Sharing's endpoints pass on, declared here with the same codes so Sharing needs no Vault type.

public sealed record VaultNotFound(Guid VaultId)
    : NotFoundError("vault.not_found", "The vault does not exist or you have no access to it.");

public sealed record AdminForbidden(Guid VaultId)
    : ForbiddenError("vault.admin_forbidden", "Only an admin of this vault may do this.");

public sealed record PersonalVaultNotShareable()
    : ForbiddenError("vault.personal_not_shareable", "A personal vault cannot be shared; create a shared vault.");

public sealed record StaleKeyEpoch(Guid VaultId, long CurrentKeyEpoch)
    : ConflictError("vault.stale_key_epoch", "The vault was re-keyed. Sync to get the new vault key and re-encrypt.")
{
    public override object? Details => new { VaultId, CurrentKeyEpoch };
}

public sealed record HistoryHeadMoved(long Seq, byte[] Hash)
    : ConflictError("vault.history_head_moved", "The vault's history moved on since you read it. Sync, then sign your change again on the new head.")
{
    public override object? Details => new { Seq, Hash = Convert.ToBase64String(Hash) };
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

public sealed record InviteeRegistered(Guid UserId)
    : ConflictError("vault.invitee_registered", "That person has an account already: fetch their public key from the directory and grant access directly.")
{
    public override object? Details => new { UserId };
}

public sealed record InvitationExists(Guid InvitationId)
    : ConflictError("vault.invitation_exists", "That person is invited to this vault already.")
{
    public override object? Details => new { InvitationId };
}

public sealed record InvitationNotFound(Guid InvitationId)
    : NotFoundError("vault.invitation_not_found", "No such open invitation for this vault.");

public sealed record InvitationNotReady(Guid InvitationId)
    : ConflictError("vault.invitation_not_ready", "The invitee has not registered yet; confirm once the invitation is ready.");
