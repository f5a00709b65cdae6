using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Entries;

namespace PasswordManager.Domain.Vault.RekeySessions;

/// <summary>
/// A re-key of a large vault staged over many requests: an admin uploads every live entry (and attachment)
/// re-encrypted under the next key epoch, then commits it in one transaction. Nothing is visible to anyone
/// before the commit; one open session per vault. Staged blobs stay recorded as pending garbage until the
/// commit adopts them, so an abandoned or expired session leaves nothing behind.
/// </summary>
public sealed class RekeySession
{
    private RekeySession() { }

    public Guid Id { get; private set; }
    public Guid VaultId { get; private set; }
    public UserId CreatedBy { get; private set; }
    public long FromKeyEpoch { get; private set; }
    public Guid[] Revoke { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }

    public static RekeySession Open(Guid vaultId, UserId admin, long fromKeyEpoch, IEnumerable<Guid> revoke, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(),
        VaultId = vaultId,
        CreatedBy = admin,
        FromKeyEpoch = fromKeyEpoch,
        Revoke = [.. revoke.Distinct()],
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    public bool IsOpen(DateTimeOffset now) => now < ExpiresAt;
}

/// <summary>One entry re-encrypted under the session's new key, naming the version it replaces.</summary>
public sealed class StagedEntry
{
    private StagedEntry() { }

    public Guid SessionId { get; private set; }
    public Guid EntryId { get; private set; }
    public long ReplacesVersion { get; private set; }
    public int CiphertextSize { get; private set; }
    public byte[]? InlineCiphertext { get; private set; }
    public string? BlobKey { get; private set; }
    public string? NameIndex { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    public StoredCiphertext Ciphertext => new(CiphertextSize, InlineCiphertext, BlobKey);

    public static StagedEntry Stage(Guid sessionId, Guid entryId, long replacesVersion, StoredCiphertext ciphertext, string? nameIndex, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var staged = new StagedEntry { SessionId = sessionId, EntryId = entryId };
        staged.Replace(replacesVersion, ciphertext, nameIndex, now);
        return staged;
    }

    /// <summary>An upload of the same entry again; returns the blob it no longer needs, if any.</summary>
    public string? Replace(long replacesVersion, StoredCiphertext ciphertext, string? nameIndex, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var previous = BlobKey;
        (ReplacesVersion, CiphertextSize, InlineCiphertext, BlobKey, NameIndex, UploadedAt) =
            (replacesVersion, ciphertext.Size, ciphertext.Inline, ciphertext.BlobKey, nameIndex, now);
        return previous;
    }
}

/// <summary>One attachment body re-encrypted under the session's new key.</summary>
public sealed class StagedAttachment
{
    private StagedAttachment() { }

    public Guid SessionId { get; private set; }
    public Guid AttachmentId { get; private set; }
    public long Size { get; private set; }
    public string BlobKey { get; private set; } = null!;
    public DateTimeOffset UploadedAt { get; private set; }

    public static StagedAttachment Stage(Guid sessionId, Guid attachmentId, long size, string blobKey, DateTimeOffset now) =>
        new() { SessionId = sessionId, AttachmentId = attachmentId, Size = size, BlobKey = blobKey, UploadedAt = now };

    /// <summary>An upload of the same attachment again; returns the blob it no longer needs.</summary>
    public string Replace(long size, string blobKey, DateTimeOffset now)
    {
        var previous = BlobKey;
        (Size, BlobKey, UploadedAt) = (size, blobKey, now);
        return previous;
    }
}
