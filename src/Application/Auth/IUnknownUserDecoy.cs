namespace PasswordManager.Application.Auth;

/// <summary>
/// Stable answers for usernames that do not exist, derived from a server secret, so prelogin cannot be used
/// to find out which accounts exist.
/// </summary>
public interface IUnknownUserDecoy
{
    byte[] KdfSaltFor(string normalizedUsername);
}
