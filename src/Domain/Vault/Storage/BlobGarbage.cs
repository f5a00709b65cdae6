namespace PasswordManager.Domain.Vault.Storage;

public enum BlobGarbageReason
{
    /// <summary>Written before its metadata commits; garbage if the commit never happens.</summary>
    Pending = 0,

    /// <summary>Superseded by a committed change; delete once the transaction is durable.</summary>
    Obsolete = 1,
}

/// <summary>
/// A blob that may have to be deleted. Blobs are written before their metadata and deleted after it, so a
/// crash at any point leaves at most garbage, never metadata pointing to a missing blob; these rows let the
/// collector find that garbage without listing the store.
/// </summary>
public sealed class BlobGarbage
{
    private BlobGarbage() { }

    public string BlobKey { get; private set; } = null!;
    public BlobGarbageReason Reason { get; private set; }
    public DateTimeOffset NotBefore { get; private set; }

    public static BlobGarbage PendingWrite(string blobKey, DateTimeOffset now, TimeSpan grace) =>
        new() { BlobKey = blobKey, Reason = BlobGarbageReason.Pending, NotBefore = now + grace };

    public static BlobGarbage Superseded(string blobKey, DateTimeOffset now) =>
        new() { BlobKey = blobKey, Reason = BlobGarbageReason.Obsolete, NotBefore = now };
}
