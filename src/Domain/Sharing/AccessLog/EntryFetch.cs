using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Sharing.AccessLog;

/// <summary>
/// Which entry a member fetched the ciphertext of, and when (metadata only): one row per (vault, user, entry)
/// with the highest version seen. After a revocation it tells the admin which secrets the member may have
/// copied and should be rotated. Rows are written in bulk by the persistence layer, never one by one.
/// </summary>
public sealed class EntryFetch
{
    private EntryFetch() { }

    public Guid VaultId { get; private set; }
    public UserId UserId { get; private set; }
    public Guid EntryId { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset FirstFetchedAt { get; private set; }
    public DateTimeOffset LastFetchedAt { get; private set; }
}
