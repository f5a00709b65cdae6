namespace PasswordManager.Application.Auth.Throttling;

/// <summary>
/// Failed-login counters per account name, in PostgreSQL so every replica sees them. Updates are atomic
/// (one statement), so concurrent failures are all counted.
/// </summary>
public interface ILoginThrottleStore
{
    Task<DateTimeOffset?> BlockedUntilAsync(string accountKey, CancellationToken cancellationToken);

    Task<ThrottleFailure> RecordFailureAsync(string accountKey, DateTimeOffset now, LoginThrottlePolicy policy, CancellationToken cancellationToken);

    Task ResetAsync(string accountKey, CancellationToken cancellationToken);
}

/// <summary>The counter after a failure; <see cref="BlockedUntil"/> is set once the free failures are used up.</summary>
public sealed record ThrottleFailure(int Failures, DateTimeOffset? BlockedUntil);
