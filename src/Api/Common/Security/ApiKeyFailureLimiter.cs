namespace PasswordManager.Api.Common.Security;

/// <summary>
/// The credential rate limit applied to API keys: failed attempts per client address and minute
/// (<c>RateLimiting:CredentialRequestsPerMinute</c>, as for login). Once an address has used them up, every
/// API-key request from it is refused until the window ends, right secret or not, so guessing gains nothing.
/// Successful requests are not counted: automation may call often with a valid key.
/// </summary>
internal sealed class ApiKeyFailureLimiter(IRateLimitCounters counters, int failuresPerMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async ValueTask<(bool Allowed, TimeSpan RetryAfter)> MayAttemptAsync(string client)
    {
        var failures = await counters.AddAsync(Key(client), 0, Window);
        return failures.Count < failuresPerMinute ? (true, TimeSpan.Zero) : (false, failures.RetryAfter);
    }

    public async ValueTask RecordFailureAsync(string client) => await counters.AddAsync(Key(client), 1, Window);

    private static string Key(string client) => "api-key-failures:" + client;
}
