using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Auth.Users;
using PasswordManager.Domain.Common;

namespace PasswordManager.Api.Common.Security;

/// <summary>The caller as proven by the validated access token.</summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public UserId Id => new(Guid.Parse(Claim("sub")));

    public TenantId TenantId => new(Guid.Parse(Claim("tid")));

    public Guid SessionId => Guid.Parse(Claim("sid"));

    public TenantRole Role => Enum.Parse<TenantRole>(Claim("role"), ignoreCase: true);

    public DateTimeOffset AccessTokenExpiresAt =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(Claim("exp"), System.Globalization.CultureInfo.InvariantCulture));

    private string Claim(string type) =>
        accessor.HttpContext?.User.FindFirst(type)?.Value
        ?? throw new InvalidOperationException($"The request has no '{type}' claim; is the endpoint missing RequireAuthorization?");
}
