using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace PasswordManager.Infrastructure.Auth.Jwt;

internal static class JwtAuthentication
{
    /// <summary>
    /// Bearer validation pinned to exactly what we issue: HS256 with our key id, issuer, audience, a lifetime,
    /// and a signature. Anything else (<c>alg: none</c>, another algorithm or key, expired) is a 401.
    /// </summary>
    public static void AddJwtBearerValidation(this IServiceCollection services, JwtOptions options, SymmetricSecurityKey key) =>
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = AuthClaims.Username,
                RoleClaimType = AuthClaims.Role,
            };
        });
}
