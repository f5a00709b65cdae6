namespace PasswordManager.Domain.Vault.Attachments;

/// <summary>An attachment's metadata as clients see it (listings, sync, conflicts).</summary>
public sealed record AttachmentState(
    Guid AttachmentId, Guid EntryId, Guid VaultId, long KeyEpoch, long Size, bool Deleted,
    DateTimeOffset CreatedAt, Guid CreatedBy, DateTimeOffset UpdatedAt, long Revision)
{
    public static AttachmentState Of(Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return new(
            attachment.Id, attachment.EntryId, attachment.VaultId, attachment.KeyEpoch, attachment.Size, attachment.Deleted,
            attachment.CreatedAt, attachment.CreatedBy.Value, attachment.UpdatedAt, attachment.Revision);
    }
}
