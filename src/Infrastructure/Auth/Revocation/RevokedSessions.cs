using System.Collections.Concurrent;

namespace PasswordManager.Infrastructure.Auth.Revocation;

/// <summary>
/// The sessions this process knows to be revoked, kept current by <see cref="SessionRevocationListener"/>, so that
/// checking an access token costs a dictionary lookup. An entry is kept until every access token of its session has
/// expired (the token window). While the listener has not confirmed its connection for longer than
/// <see cref="SessionRevocationOptions.MaxStaleness"/> (also before its first connection), a session not known here
/// is looked up in PostgreSQL instead (ADR-0018).
/// </summary>
internal sealed class RevokedSessions(SessionRevocationStore store, SessionRevocationOptions options, TimeSpan tokenWindow, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> keepUntil = new();
    private long confirmedAt;

    public TimeSpan TokenWindow => tokenWindow;

    public int Count => keepUntil.Count;

    public void Add(Guid sessionId, DateTimeOffset revokedAt)
    {
        var now = clock.GetUtcNow();
        var until = (revokedAt > now ? revokedAt : now) + tokenWindow;
        keepUntil.AddOrUpdate(sessionId, until, (_, existing) => existing > until ? existing : until);
    }

    /// <summary>The listener's connection was alive just now: every revocation committed before is in the set.</summary>
    public void Confirm() => Volatile.Write(ref confirmedAt, clock.GetTimestamp());

    public bool IsCurrent
    {
        get
        {
            var confirmed = Volatile.Read(ref confirmedAt);
            return confirmed != 0 && clock.GetElapsedTime(confirmed) <= options.MaxStaleness;
        }
    }

    public ValueTask<bool> IsRevokedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (keepUntil.ContainsKey(sessionId)) return ValueTask.FromResult(true);
        if (IsCurrent) return ValueTask.FromResult(false);
        return new ValueTask<bool>(store.IsRevokedAsync(sessionId, cancellationToken));
    }

    public void DropExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (sessionId, until) in keepUntil)
            if (until < now) keepUntil.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(sessionId, until));
    }
}
