using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Throttling;

/// <summary>
/// Consecutive failed logins (wrong authHash or wrong second factor) of one account name, known or not,
/// so unknown names are throttled exactly like real ones.
/// </summary>
public sealed class LoginThrottle
{
    private LoginThrottle() { }

    public string AccountKey { get; private set; } = null!;
    public int Failures { get; private set; }
    public DateTimeOffset LastFailureAt { get; private set; }
    public DateTimeOffset? BlockedUntil { get; private set; }
}

public sealed record LoginThrottled(TimeSpan Wait)
    : TooManyRequestsError("auth.login_throttled", "Too many failed logins for this account. Wait before trying again.", Wait);
