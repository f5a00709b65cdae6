using System.Text.Json.Serialization;
using PasswordManager.Application.Vault.Vaults;
using PasswordManager.Domain.Vault.Vaults;

namespace PasswordManager.Application.Vault.Archive;

/// <summary>
/// One line of an export archive (NDJSON, docs/api-guide.md). Everything in it is what the server stores
/// anyway: ciphertexts and client-encrypted keys; an archive is exactly as secret as the database.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ArchiveHeader), "header")]
[JsonDerivedType(typeof(ArchiveVault), "vault")]
[JsonDerivedType(typeof(ArchiveEntry), "entry")]
[JsonDerivedType(typeof(ArchiveEntryVersion), "entryVersion")]
[JsonDerivedType(typeof(ArchiveAttachment), "attachment")]
[JsonDerivedType(typeof(ArchiveAttachmentChunk), "attachmentChunk")]
[JsonDerivedType(typeof(ArchiveEnd), "end")]
public abstract record ArchiveRecord;

public sealed record ArchiveHeader(string Format, int Version, DateTimeOffset ExportedAt, ArchiveAccount Account) : ArchiveRecord
{
    public const string FormatName = "pm-export";
    public const int CurrentVersion = 1;
}

/// <summary>The account's key material, so the archive can be restored by registering the same account elsewhere.</summary>
public sealed record ArchiveAccount(
    Guid UserId, string Username, ArchiveKdf Kdf, byte[] KdfSalt, byte[] EncryptedUserKey, byte[] EncryptedPrivateKeys, byte[] PublicKeyBundle);

public sealed record ArchiveKdf(int MemoryKiB, int Iterations, int Parallelism);

public sealed record ArchiveVault(Guid VaultId, VaultKind Kind, long KeyEpoch, byte[]? EncryptedMetadata, MemberAccess Access) : ArchiveRecord;

/// <summary>
/// An entry's current version; the times are absent in archives written before they were exported (the import then uses
/// its own). <see cref="NameIndex"/>: the blind index of the entry's name at its key epoch (docs/crypto-format.md §20), if it has one.
/// </summary>
public sealed record ArchiveEntry(
    Guid VaultId, Guid EntryId, long Version, long KeyEpoch, byte[] Ciphertext, DateTimeOffset? CreatedAt = null, DateTimeOffset? UpdatedAt = null,
    string? NameIndex = null) : ArchiveRecord;

public sealed record ArchiveEntryVersion(Guid VaultId, Guid EntryId, long Version, long KeyEpoch, byte[] Ciphertext, DateTimeOffset? CreatedAt = null) : ArchiveRecord;

/// <summary>An attachment of an entry; its bytes follow in <see cref="ArchiveAttachmentChunk"/> records, in order.</summary>
public sealed record ArchiveAttachment(Guid VaultId, Guid EntryId, Guid AttachmentId, long KeyEpoch, long Size) : ArchiveRecord;

public sealed record ArchiveAttachmentChunk(Guid AttachmentId, byte[] Data) : ArchiveRecord
{
    /// <summary>Chunks stay small so neither side holds an attachment in memory.</summary>
    public const int MaxBytes = 1024 * 1024;
}

public sealed record ArchiveEnd(int Vaults, long Entries, long EntryVersions, long Attachments) : ArchiveRecord;
