namespace PasswordManager.Client.Sdk.Vault.Contracts;

public enum VaultKind
{
    Personal = 0,
    Shared = 1,
}

public enum VaultPermission
{
    Read = 1,
    Write = 2,
    Admin = 3,
}

/// <summary>The caller's access record: the vault key sealed for the caller and signed by <see cref="GranterId"/>.</summary>
public sealed record MemberAccess(
    Guid UserId, VaultPermission Permission, long KeyEpoch, byte[] WrappedKey, Guid GranterId, byte[] GranterSignature, DateTimeOffset? ExpiresAt = null);

/// <summary>An access record as the server lists it; nothing in it is trusted until its signature verifies.</summary>
public sealed record MemberRecord(
    Guid UserId,
    VaultPermission Permission,
    long KeyEpoch,
    byte[] WrappedKey,
    Guid GranterId,
    byte[] GranterSignature,
    DateTimeOffset? ExpiresAt = null,
    bool Expired = false);

public sealed record MemberList(long KeyEpoch, IReadOnlyList<MemberRecord> Items);

/// <summary>
/// A vault as the caller sees it. Nothing in it is trusted until the access record's signature verifies.
/// <c>RekeyRecommended</c> (admins only): a member expired or was removed without a re-key, see <c>RekeyReasons</c>.
/// </summary>
public sealed record VaultSummary(
    Guid VaultId, VaultKind Kind, long Revision, long KeyEpoch, byte[]? EncryptedMetadata, DateTimeOffset CreatedAt, MemberAccess Access,
    Guid? OwnerId = null, bool? RekeyRecommended = null, IReadOnlyList<RekeyReason>? RekeyReasons = null);

/// <summary>Why a re-key is recommended: <c>member_expired</c> or <c>member_removed</c> (they may still hold the current key).</summary>
public sealed record RekeyReason(Guid UserId, string Reason);

public sealed record VaultList(IReadOnlyList<VaultSummary> Items);

/// <summary><see cref="History"/>: the vault's first record, a checkpoint naming the creator as admin (base64, docs/crypto-format.md §21).</summary>
public sealed record CreateVaultRequest(Guid VaultId, VaultKind Kind, byte[]? EncryptedMetadata, byte[] WrappedKey, byte[] GranterSignature, string? History = null);

/// <summary>An entry's metadata as the server holds it.</summary>
public sealed record EntryState(
    Guid EntryId, Guid VaultId, long Version, long KeyEpoch, int Size, bool Deleted, DateTimeOffset UpdatedAt, Guid UpdatedBy, long Revision);

/// <summary>Metadata with the ciphertext (null for a tombstone).</summary>
public sealed record EntryDetails(EntryState Entry, byte[]? Ciphertext);

/// <summary>
/// <see cref="ReplacesVersion"/> null creates the entry; otherwise it names the version the client last saw.
/// <see cref="NameIndex"/>: the blind index of the entry's name (docs/crypto-format.md §20), null for none.
/// </summary>
public sealed record UpsertEntryRequest(long? ReplacesVersion, long KeyEpoch, byte[] Ciphertext, string? NameIndex = null, string? History = null);

public sealed record EntryWriteOutcome(Guid EntryId, long Version, long Revision, bool Created, bool Deleted);

public sealed record EntryWriteItem(Guid EntryId, long? ReplacesVersion, long KeyEpoch, byte[]? Ciphertext, bool Delete, string? NameIndex = null);

public sealed record WriteEntriesRequest(IReadOnlyList<EntryWriteItem> Writes, string? History = null);

public sealed record WriteEntriesResult(IReadOnlyList<EntryWriteOutcome> Items);

public sealed record FetchEntriesRequest(IReadOnlyList<Guid> EntryIds);

public sealed record FetchEntriesResult(IReadOnlyList<EntryDetails> Items);

public sealed record ListEntriesResult(IReadOnlyList<EntryState> Items, Guid? Next);

/// <summary>An entry carrying a blind name index, as <c>GET …/entries?nameIndex=</c> answers it: metadata and ciphertext.</summary>
public sealed record ListedEntry(
    Guid EntryId, Guid VaultId, long Version, long KeyEpoch, int Size, bool Deleted, DateTimeOffset UpdatedAt, Guid UpdatedBy, long Revision,
    string? NameIndex, byte[]? Ciphertext)
{
    public EntryState State => new(EntryId, VaultId, Version, KeyEpoch, Size, Deleted, UpdatedAt, UpdatedBy, Revision);
}

public sealed record ListedEntriesResult(IReadOnlyList<ListedEntry> Items, Guid? Next);

public sealed record EntryVersionSummary(long Version, long KeyEpoch, int Size, DateTimeOffset CreatedAt, Guid CreatedBy);

public sealed record ListEntryVersionsResult(IReadOnlyList<EntryVersionSummary> Items);

public sealed record EntryVersionDetails(Guid EntryId, long Version, long KeyEpoch, DateTimeOffset CreatedAt, Guid CreatedBy, byte[] Ciphertext);

/// <summary>An entry change in a sync page; fetch the ciphertext when <see cref="CiphertextInline"/> is false.</summary>
public sealed record SyncedEntry(EntryState Entry, bool CiphertextInline, byte[]? Ciphertext);

/// <summary><see cref="History"/>: per vault, the history records of the revisions served and the vault's head (docs/crypto-format.md §21).</summary>
public sealed record SyncChangesResult(
    string Cursor, bool HasMore, IReadOnlyList<VaultSummary> Vaults, IReadOnlyList<Guid> LostAccess, IReadOnlyList<SyncedEntry> Entries,
    IReadOnlyList<AttachmentState>? Attachments = null, IReadOnlyList<History.SyncedHistory>? History = null);

/// <summary>A stale write: the server's current state of the entry, null when it does not exist.</summary>
public sealed record EntryConflict(Guid EntryId, EntryState? Current);

public sealed record ImportArchiveResult(int Vaults, long Entries, long EntryVersions, long Attachments = 0);
