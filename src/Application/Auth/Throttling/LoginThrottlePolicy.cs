namespace PasswordManager.Application.Auth.Throttling;

/// <summary>
/// Configuration section <c>Auth:Throttle</c>: after <see cref="FreeFailures"/> consecutive failed logins of an
/// account, each further failure blocks it for <see cref="BaseDelay"/> × 2^(failures − FreeFailures), at most
/// <see cref="MaxDelay"/>.
/// </summary>
public sealed class LoginThrottlePolicy
{
    public int FreeFailures { get; set; } = 5;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
}
