using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Application.Auth;

/// <summary>Issues signed, short-lived access tokens for a device session.</summary>
public interface IAccessTokenIssuer
{
    AccessToken Issue(User user, Guid sessionId, bool isInstanceAdministrator);
}

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);
