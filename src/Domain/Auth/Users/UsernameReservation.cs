using PasswordManager.Domain.Common;

namespace PasswordManager.Domain.Auth.Users;

/// <summary>
/// What is left of a deleted account: its normalized username and user id, refused to new registrations until
/// <see cref="ReservedUntil"/>, because other users may have pinned the bundle published under them.
/// </summary>
public sealed class UsernameReservation
{
    private UsernameReservation() { }

    public string NormalizedUsername { get; private set; } = null!;
    public UserId UserId { get; private set; }
    public DateTimeOffset ReservedUntil { get; private set; }

    public static UsernameReservation For(User user, DateTimeOffset now, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UsernameReservation { NormalizedUsername = user.NormalizedUsername, UserId = user.Id, ReservedUntil = now + duration };
    }
}
