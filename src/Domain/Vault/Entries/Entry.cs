using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Vault.Entries;

/// <summary>
/// The current state of one entry (client-generated id). Writes name the version they replace; a mismatch is
/// a conflict, never a silent overwrite. A delete leaves a tombstone so other devices sync the deletion.
/// </summary>
public sealed class Entry
{
    private Entry() { }

    public Guid Id { get; private set; }
    public Guid VaultId { get; private set; }
    public long Version { get; private set; }
    public long KeyEpoch { get; private set; }
    public int CiphertextSize { get; private set; }
    public byte[]? InlineCiphertext { get; private set; }
    public string? BlobKey { get; private set; }

    /// <summary>The client's blind index of the entry's name (<see cref="EntryNameIndex"/>); null when the writer sent none.</summary>
    public string? NameIndex { get; private set; }

    public bool Deleted { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public UserId UpdatedBy { get; private set; }
    public long Revision { get; private set; }

    /// <summary>The current ciphertext; null for a tombstone.</summary>
    public StoredCiphertext? Ciphertext => Deleted ? null : new StoredCiphertext(CiphertextSize, InlineCiphertext, BlobKey);

    public static Entry Create(
        Guid id, Guid vaultId, long keyEpoch, StoredCiphertext ciphertext, string? nameIndex, UserId author, long revision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return new()
        {
            Id = id,
            VaultId = vaultId,
            Version = 1,
            KeyEpoch = keyEpoch,
            CiphertextSize = ciphertext.Size,
            InlineCiphertext = ciphertext.Inline,
            BlobKey = ciphertext.BlobKey,
            NameIndex = nameIndex,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = author,
            Revision = revision,
        };
    }

    /// <summary>Recreates an exported entry at its version (the ciphertext's AAD is bound to it) and with its original times.</summary>
    public static Entry Restore(
        Guid id, Guid vaultId, long version, long keyEpoch, StoredCiphertext ciphertext, string? nameIndex, UserId author, long revision,
        DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var entry = Create(id, vaultId, keyEpoch, ciphertext, nameIndex, author, revision, createdAt);
        (entry.Version, entry.UpdatedAt) = (version, updatedAt);
        return entry;
    }

    /// <summary>
    /// Replaces the ciphertext (naming a tombstone's version restores the entry); returns the superseded
    /// version for the history, or null when a tombstone was replaced.
    /// </summary>
    public Result<EntryVersion?> Replace(
        long replacesVersion, long keyEpoch, StoredCiphertext ciphertext, string? nameIndex, UserId author, long revision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (EntryConflict.Of(Id, this, replacesVersion, deletes: false) is not null) return new StaleEntryVersion(EntryState.Of(this));
        var previous = Deleted ? null : EntryVersion.Of(this);
        (Version, KeyEpoch, Deleted, UpdatedAt, UpdatedBy, Revision) = (Version + 1, keyEpoch, false, now, author, revision);
        (CiphertextSize, InlineCiphertext, BlobKey, NameIndex) = (ciphertext.Size, ciphertext.Inline, ciphertext.BlobKey, nameIndex);
        return Result<EntryVersion?>.Success(previous);
    }

    /// <summary>Turns the entry into a tombstone; returns the superseded version for the history.</summary>
    public Result<EntryVersion> Delete(long replacesVersion, UserId author, long revision, DateTimeOffset now)
    {
        if (EntryConflict.Of(Id, this, replacesVersion, deletes: true) is not null) return new StaleEntryVersion(EntryState.Of(this));
        var previous = EntryVersion.Of(this);
        (Version, Deleted, UpdatedAt, UpdatedBy, Revision) = (Version + 1, true, now, author, revision);
        (CiphertextSize, InlineCiphertext, BlobKey, NameIndex) = (0, null, null, null);
        return previous;
    }
}
