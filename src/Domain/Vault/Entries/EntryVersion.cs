using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Vault.Entries;

/// <summary>A superseded version of an entry, kept for history up to the configured depth.</summary>
public sealed class EntryVersion
{
    private EntryVersion() { }

    public Guid EntryId { get; private set; }
    public Guid VaultId { get; private set; }
    public long Version { get; private set; }
    public long KeyEpoch { get; private set; }
    public int CiphertextSize { get; private set; }
    public byte[]? InlineCiphertext { get; private set; }
    public string? BlobKey { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public UserId CreatedBy { get; private set; }

    public StoredCiphertext Ciphertext => new(CiphertextSize, InlineCiphertext, BlobKey);

    public static EntryVersion Restore(Guid entryId, Guid vaultId, long version, long keyEpoch, StoredCiphertext ciphertext, UserId author, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return new()
        {
            EntryId = entryId,
            VaultId = vaultId,
            Version = version,
            KeyEpoch = keyEpoch,
            CiphertextSize = ciphertext.Size,
            InlineCiphertext = ciphertext.Inline,
            BlobKey = ciphertext.BlobKey,
            CreatedAt = createdAt,
            CreatedBy = author,
        };
    }

    internal static EntryVersion Of(Entry entry) => new()
    {
        EntryId = entry.Id,
        VaultId = entry.VaultId,
        Version = entry.Version,
        KeyEpoch = entry.KeyEpoch,
        CiphertextSize = entry.CiphertextSize,
        InlineCiphertext = entry.InlineCiphertext,
        BlobKey = entry.BlobKey,
        CreatedAt = entry.UpdatedAt,
        CreatedBy = entry.UpdatedBy,
    };
}
