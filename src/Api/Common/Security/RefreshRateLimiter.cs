using System.Security.Cryptography;
using System.Text;

namespace PasswordManager.Api.Common.Security;

/// <summary>
/// Refresh does not spend the per-address guessing budget of prelogin, register and login: every <c>pm</c>
/// command refreshes once, and many users may share one address. Instead each refresh token may be presented
/// <c>RateLimiting:RefreshRequestsPerTokenPerMinute</c> times a minute (a token is good for one use, plus racing
/// retries), and only failed refreshes (unknown tokens, i.e. guesses) count per address, against
/// <c>RateLimiting:CredentialRequestsPerMinute</c>. Tokens are keyed by their SHA-256, never kept in memory or Redis.
/// </summary>
internal sealed class RefreshRateLimiter(IRateLimitCounters counters, int perTokenPerMinute, int failuresPerAddressPerMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async ValueTask<(bool Allowed, TimeSpan RetryAfter)> TryAcquireAsync(string? refreshToken, string client)
    {
        var guesses = await counters.AddAsync(FailureKey(client), 0, Window);
        if (guesses.Count >= failuresPerAddressPerMinute) return (false, guesses.RetryAfter);

        var presented = await counters.AddAsync(
            "refresh-token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken ?? ""))), 1, Window);
        return presented.Count <= perTokenPerMinute ? (true, TimeSpan.Zero) : (false, presented.RetryAfter);
    }

    public async ValueTask RecordFailureAsync(string client) => await counters.AddAsync(FailureKey(client), 1, Window);

    private static string FailureKey(string client) => "refresh-failures:" + client;
}
