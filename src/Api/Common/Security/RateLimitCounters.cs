using System.Collections.Concurrent;
using StackExchange.Redis;

namespace PasswordManager.Api.Common.Security;

/// <summary>A fixed-window count: how many were added in the current window, and when that window ends.</summary>
internal readonly record struct WindowCount(long Count, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window counters behind the failure-only limits (API-key failures, unknown refresh tokens, per-token
/// refreshes). Adding 0 reads a counter without spending from it, which the partitioned limiters of
/// System.Threading.RateLimiting do not offer across processes. Shared across replicas when Redis is configured
/// (ADR-0029), per process otherwise.
/// </summary>
internal interface IRateLimitCounters
{
    ValueTask<WindowCount> AddAsync(string key, int amount, TimeSpan window);
}

internal sealed class InProcessRateLimitCounters(TimeProvider clock) : IRateLimitCounters
{
    private const int PruneThreshold = 10_000;
    private readonly ConcurrentDictionary<string, Window> windows = new();

    public ValueTask<WindowCount> AddAsync(string key, int amount, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        if (windows.Count > PruneThreshold)
            foreach (var (staleKey, stale) in windows)
                if (stale.EndsAt <= now) windows.TryRemove(staleKey, out _);

        var current = windows.AddOrUpdate(key,
            _ => new Window(amount, now + window),
            (_, existing) => existing.EndsAt <= now ? new Window(amount, now + window) : existing with { Count = existing.Count + amount });
        return ValueTask.FromResult(new WindowCount(current.Count, current.EndsAt - now));
    }

    private sealed record Window(long Count, DateTimeOffset EndsAt);
}

/// <summary>One counter per key in Redis: INCRBY and, on the window's first hit, PEXPIRE, in one script.</summary>
internal sealed class RedisRateLimitCounters(IConnectionMultiplexer redis) : IRateLimitCounters
{
    public const string KeyPrefix = "pm:rl:";

    private const string Script = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          ttl = tonumber(ARGV[2])
        end
        return { count, ttl }
        """;

    public async ValueTask<WindowCount> AddAsync(string key, int amount, TimeSpan window)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            Script, [new RedisKey(KeyPrefix + key)], [amount, (long)window.TotalMilliseconds]))!;
        return new WindowCount((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
    }
}
