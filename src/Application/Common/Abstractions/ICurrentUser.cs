using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Application.Common.Abstractions;

/// <summary>
/// The authenticated caller, taken from the validated access token. Endpoints pass it into commands; a
/// user id never comes from a request body.
/// </summary>
public interface ICurrentUser
{
    UserId Id { get; }

    TenantId TenantId { get; }

    Guid SessionId { get; }

    TenantRole Role { get; }

    DateTimeOffset AccessTokenExpiresAt { get; }
}
