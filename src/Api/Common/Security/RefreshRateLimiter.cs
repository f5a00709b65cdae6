using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace PasswordManager.Api.Common.Security;

/// <summary>
/// Refresh does not spend the per-address guessing budget of prelogin, register and login: every <c>pm</c>
/// command refreshes once, and many users may share one address. Instead each refresh token may be presented
/// <c>RateLimiting:RefreshRequestsPerTokenPerMinute</c> times a minute (a token is good for one use, plus racing
/// retries), and only failed refreshes (unknown tokens, i.e. guesses) count per address, against
/// <c>RateLimiting:CredentialRequestsPerMinute</c>. Tokens are keyed by their SHA-256, never kept in memory.
/// </summary>
internal sealed class RefreshRateLimiter(int perTokenPerMinute, int failuresPerAddressPerMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> perToken = FixedWindow(perTokenPerMinute);
    private readonly PartitionedRateLimiter<string> failures = FixedWindow(failuresPerAddressPerMinute);

    public bool TryAcquire(string? refreshToken, string client, out TimeSpan retryAfter)
    {
        using (var guesses = failures.AttemptAcquire(client, 0))
        {
            if (!guesses.IsAcquired)
            {
                retryAfter = RateLimitedProblem.RetryAfterOf(guesses);
                return false;
            }
        }

        using var lease = perToken.AttemptAcquire(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken ?? ""))));
        retryAfter = lease.IsAcquired ? TimeSpan.Zero : RateLimitedProblem.RetryAfterOf(lease);
        return lease.IsAcquired;
    }

    public void RecordFailure(string client) => failures.AttemptAcquire(client).Dispose();

    public void Dispose()
    {
        perToken.Dispose();
        failures.Dispose();
    }

    private static PartitionedRateLimiter<string> FixedWindow(int permits) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) }));
}
