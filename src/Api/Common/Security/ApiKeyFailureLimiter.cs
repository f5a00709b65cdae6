using System.Threading.RateLimiting;

namespace PasswordManager.Api.Common.Security;

/// <summary>
/// The credential rate limit applied to API keys: failed attempts per client address and minute
/// (<c>RateLimiting:CredentialRequestsPerMinute</c>, as for login). Once an address has used them up, every
/// API-key request from it is refused until the window ends, right secret or not, so guessing gains nothing.
/// Successful requests are not counted: automation may call often with a valid key.
/// </summary>
internal sealed class ApiKeyFailureLimiter(int failuresPerMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = failuresPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));

    public bool MayAttempt(string client, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire(client, 0);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero : RateLimitedProblem.RetryAfterOf(lease);
        return lease.IsAcquired;
    }

    public void RecordFailure(string client) => limiter.AttemptAcquire(client).Dispose();

    public void Dispose() => limiter.Dispose();
}
