using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.History;

/// <summary>One change named by a history record (docs/crypto-format.md §21.1).</summary>
public abstract record HistoryChange
{
    private protected HistoryChange()
    {
    }

    /// <summary>The kind byte on the wire.</summary>
    public abstract byte Kind { get; }
}

/// <summary>
/// The entry is now at <paramref name="Version"/>; <paramref name="CiphertextHash"/> is SHA-256 of the ciphertext stored
/// for that version (<see cref="HistoryHashes.Ciphertext"/>), 32 zero bytes for a tombstone.
/// </summary>
public sealed record EntryChange(Guid EntryId, long Version, bool Deleted, byte[] CiphertextHash) : HistoryChange
{
    /// <inheritdoc />
    public override byte Kind => HistoryFormat.EntryKind;

    /// <summary>A tombstone at <paramref name="version"/> (its hash is 32 zero bytes).</summary>
    public static EntryChange Tombstone(Guid entryId, long version) => new(entryId, version, Deleted: true, new byte[HistoryFormat.HashSize]);
}

/// <summary>
/// The attachment exists with these stored bytes (<paramref name="ContentHash"/> = SHA-256 of the whole stored body), or is
/// deleted (32 zero bytes).
/// </summary>
public sealed record AttachmentChange(Guid EntryId, Guid AttachmentId, bool Deleted, byte[] ContentHash) : HistoryChange
{
    /// <inheritdoc />
    public override byte Kind => HistoryFormat.AttachmentKind;

    /// <summary>The deletion of an attachment (its hash is 32 zero bytes).</summary>
    public static AttachmentChange Deletion(Guid entryId, Guid attachmentId) => new(entryId, attachmentId, Deleted: true, new byte[HistoryFormat.HashSize]);
}

/// <summary>
/// The member now holds <paramref name="Permission"/> (null: removed, or left) with the access record whose canonical
/// message hashes to <paramref name="AccessHash"/> (<see cref="HistoryHashes.AccessRecord(AccessGrant)"/>; 32 zero bytes when removed).
/// </summary>
public sealed record MemberChange(Guid UserId, AccessPermission? Permission, byte[] AccessHash) : HistoryChange
{
    /// <inheritdoc />
    public override byte Kind => HistoryFormat.MemberKind;

    /// <summary>The removal of a member (or the member leaving: then the author is <paramref name="userId"/>).</summary>
    public static MemberChange Removal(Guid userId) => new(userId, Permission: null, new byte[HistoryFormat.HashSize]);
}

/// <summary>The vault moved from <paramref name="FromKeyEpoch"/> to the record's key epoch (FromKeyEpoch + 1).</summary>
public sealed record RekeyChange(long FromKeyEpoch) : HistoryChange
{
    /// <inheritdoc />
    public override byte Kind => HistoryFormat.RekeyKind;
}

/// <summary>The record's other changes are the vault's whole state (§21.3).</summary>
public sealed record CheckpointChange : HistoryChange
{
    /// <inheritdoc />
    public override byte Kind => HistoryFormat.CheckpointKind;
}
