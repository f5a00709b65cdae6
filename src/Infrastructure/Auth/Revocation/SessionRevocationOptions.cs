namespace PasswordManager.Infrastructure.Auth.Revocation;

/// <summary>Configuration section <c>Auth:Revocation</c> (ADR-0018).</summary>
public sealed class SessionRevocationOptions
{
    /// <summary>Off: access tokens are stateless again and a revoked session keeps API access until its token expires.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>After this long without a notification the listener checks its connection with a round trip.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the in-process set is trusted without the listener confirming its connection. Beyond it, every bearer
    /// request asks PostgreSQL, and fails if PostgreSQL cannot answer.
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The first wait before reconnecting a lost listener; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long rows of <c>auth.session_revocations</c> are kept; must exceed the access-token lifetime.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);
}
