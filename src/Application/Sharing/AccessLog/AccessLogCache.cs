using System.Collections.Concurrent;
using PasswordManager.Application.Contracts.Sharing;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Sharing.AccessLog;

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
