using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Mfa;

/// <summary>
/// A user's TOTP second factor. The secret itself is not here: it lives encrypted in the Encryption module's
/// field store. <see cref="LastAcceptedTimeStep"/> makes every code single-use.
/// </summary>
public sealed class TotpAuthenticator
{
    private TotpAuthenticator() { }

    public UserId UserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public long? LastAcceptedTimeStep { get; private set; }

    public bool IsEnabled => ConfirmedAt is not null;

    public static TotpAuthenticator Enrol(UserId user, DateTimeOffset now) => new() { UserId = user, CreatedAt = now };

    public void RestartEnrolment(DateTimeOffset now)
    {
        if (IsEnabled) throw new InvalidOperationException("An enabled authenticator is disabled, not re-enrolled.");
        (CreatedAt, LastAcceptedTimeStep) = (now, null);
    }

    public void Confirm(long timeStep, DateTimeOffset now) => (ConfirmedAt, LastAcceptedTimeStep) = (now, timeStep);
}
