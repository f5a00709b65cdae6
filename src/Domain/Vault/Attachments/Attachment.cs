using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Vault.Attachments;

/// <summary>
/// A file attached to an entry (client-generated id): client-encrypted bytes in the blob store, metadata here.
/// Attachments are immutable: a changed file is a new attachment and the old one is deleted. A delete leaves a
/// tombstone so other devices sync the deletion.
/// </summary>
public sealed class Attachment
{
    private Attachment() { }

    public Guid Id { get; private set; }
    public Guid VaultId { get; private set; }
    public Guid EntryId { get; private set; }
    public long KeyEpoch { get; private set; }
    public long Size { get; private set; }
    public string? BlobKey { get; private set; }
    public bool Deleted { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public UserId CreatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public UserId UpdatedBy { get; private set; }
    public long Revision { get; private set; }

    public static Attachment Create(
        Guid id, Guid vaultId, Guid entryId, long keyEpoch, long size, string blobKey, UserId author, long revision, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobKey);
        return new()
        {
            Id = id,
            VaultId = vaultId,
            EntryId = entryId,
            KeyEpoch = keyEpoch,
            Size = size,
            BlobKey = blobKey,
            CreatedAt = now,
            CreatedBy = author,
            UpdatedAt = now,
            UpdatedBy = author,
            Revision = revision,
        };
    }

    /// <summary>
    /// The same file re-encrypted under a new vault key epoch (a re-key); the only in-place change an attachment
    /// takes. Returns the blob that is no longer referenced.
    /// </summary>
    public string Rekey(long keyEpoch, long size, string blobKey, UserId author, long revision, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobKey);
        if (Deleted) throw new InvalidOperationException("A deleted attachment is not re-keyed.");
        var previous = BlobKey!;
        (KeyEpoch, Size, BlobKey, UpdatedAt, UpdatedBy, Revision) = (keyEpoch, size, blobKey, now, author, revision);
        return previous;
    }

    /// <summary>Turns the attachment into a tombstone; returns the blob that is no longer referenced.</summary>
    public string Delete(UserId author, long revision, DateTimeOffset now)
    {
        if (Deleted) throw new InvalidOperationException("The attachment is deleted already.");
        var blobKey = BlobKey!;
        (Deleted, BlobKey, Size, UpdatedAt, UpdatedBy, Revision) = (true, null, 0, now, author, revision);
        return blobKey;
    }
}
