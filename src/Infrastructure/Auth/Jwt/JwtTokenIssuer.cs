using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PasswordManager.Application.Auth;
using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.Infrastructure.Auth.Jwt;

internal sealed class JwtTokenIssuer(JwtOptions options, SymmetricSecurityKey key, AuthPolicy policy, TimeProvider clock) : IAccessTokenIssuer
{
    private readonly JsonWebTokenHandler handler = new();
    private readonly SigningCredentials credentials = new(key, SecurityAlgorithms.HmacSha256);

    public AccessToken Issue(User user, Guid sessionId, bool isInstanceAdministrator)
    {
        var now = clock.GetUtcNow();
        var expires = now + policy.AccessTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.Value.ToString(),
            [JwtRegisteredClaimNames.Sid] = sessionId.ToString(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            [AuthClaims.Tenant] = user.TenantId.Value.ToString(),
            [AuthClaims.Role] = user.Role.ToString().ToLowerInvariant(),
            [AuthClaims.Username] = user.Username,
        };
        if (isInstanceAdministrator) claims[AuthClaims.InstanceAdministrator] = "true";

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = credentials,
        });
        return new AccessToken(token, expires);
    }
}

/// <summary>Claim names of our access tokens (JWT names where a registered one exists).</summary>
public static class AuthClaims
{
    public const string Subject = JwtRegisteredClaimNames.Sub;
    public const string Session = JwtRegisteredClaimNames.Sid;
    public const string Tenant = "tid";
    public const string Role = "role";
    public const string Username = "name";
    public const string InstanceAdministrator = "instance_admin";
}
