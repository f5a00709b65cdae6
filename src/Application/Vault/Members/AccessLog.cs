using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Exposure;

namespace PasswordManager.Application.Vault.Members;

/// <summary>
/// Records which entries' ciphertexts a member was served (ADR-0014), before the ciphertexts leave the server:
/// a crash can then over-report an exposure, never under-report one. One statement per request, and none for
/// entries this process recorded at the same or a higher version within the resolution (the statement would
/// not change their rows), so repeated syncs cost no database work.
/// </summary>
public sealed class AccessLog(IVaultDbContext db, VaultPolicy policy, AccessLogCache recent)
{
    public async Task RecordAsync(UserId user, IReadOnlyCollection<FetchedEntry> fetches, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = fetches.Where(f => !recent.Covers(user, f, now - policy.AccessLogResolution)).ToList();
        if (due.Count == 0) return;
        await db.RecordFetchesAsync(user, due, now, policy.AccessLogResolution, cancellationToken);
        recent.Remember(user, due, now);
    }

    /// <summary>
    /// Versions the member wrote, recorded inside the write's transaction. Neither consults nor feeds the cache:
    /// if that transaction rolls back, its version number is reused by the next write, which must not look recorded.
    /// </summary>
    public Task RecordWrittenAsync(UserId author, IReadOnlyCollection<FetchedEntry> written, DateTimeOffset now, CancellationToken cancellationToken) =>
        written.Count == 0 ? Task.CompletedTask : db.RecordFetchesAsync(author, written, now, policy.AccessLogResolution, cancellationToken);

    /// <summary>An attachment body (or a URL to it) is served: the entry counts as fetched at its current version.</summary>
    public async Task RecordAttachmentAsync(Guid vaultId, Guid entryId, UserId user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var version = await db.Entries.Where(e => e.Id == entryId && e.VaultId == vaultId).Select(e => e.Version).SingleAsync(cancellationToken);
        await RecordAsync(user, [new FetchedEntry(vaultId, entryId, version)], now, cancellationToken);
    }
}

/// <summary>
/// What this process wrote to the access log lately: (user, vault, entry) → highest version and when. Only ever
/// used to skip a write that would change nothing; bounded by clearing it when it grows past its capacity.
/// </summary>
public sealed class AccessLogCache
{
    private const int Capacity = 500_000;
    private readonly ConcurrentDictionary<(Guid User, Guid Vault, Guid Entry), (long Version, DateTimeOffset At)> recorded = new();

    public bool Covers(UserId user, FetchedEntry fetch, DateTimeOffset notBefore) =>
        recorded.TryGetValue((user.Value, fetch.VaultId, fetch.EntryId), out var seen) && seen.Version >= fetch.Version && seen.At > notBefore;

    public void Remember(UserId user, IEnumerable<FetchedEntry> fetches, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(fetches);
        if (recorded.Count > Capacity) recorded.Clear();
        foreach (var fetch in fetches)
            recorded.AddOrUpdate((user.Value, fetch.VaultId, fetch.EntryId), (fetch.Version, at), (_, seen) => (Math.Max(seen.Version, fetch.Version), at));
    }
}
