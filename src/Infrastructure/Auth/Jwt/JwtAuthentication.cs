using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Infrastructure.Auth.Revocation;

namespace PasswordManager.Infrastructure.Auth.Jwt;

internal static class JwtAuthentication
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>How many validated access tokens a process remembers (one per active session and device).</summary>
    public const int ValidatedTokenCacheCapacity = 20_000;

    /// <summary>
    /// Bearer validation pinned to exactly what we issue: HS256 with our key id, issuer, audience, a lifetime,
    /// and a signature. Anything else (<c>alg: none</c>, another algorithm or key, expired) is a 401.
    /// </summary>
    public static void AddJwtBearerValidation(this IServiceCollection services, JwtOptions options, SymmetricSecurityKey key)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            bearer.MapInboundClaims = false;
            // Nothing reads the token back from the authentication properties; storing it cost a dictionary and a
            // formatted expiry per request.
            bearer.SaveToken = false;
            bearer.TokenHandlers.Clear();
            bearer.TokenHandlers.Add(new CachingJsonWebTokenHandler(ValidatedTokenCacheCapacity) { MapInboundClaims = false });
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
                ClockSkew = ClockSkew,
                NameClaimType = AuthClaims.Username,
                RoleClaimType = AuthClaims.Role,
            };
        });
        services.AddTransient<CachedTokenBearerHandler>();
        services.Configure<AuthenticationOptions>(authentication =>
        {
            foreach (var scheme in authentication.Schemes)
                if (scheme.Name == JwtBearerDefaults.AuthenticationScheme) scheme.HandlerType = typeof(CachedTokenBearerHandler);
        });
    }

    /// <summary>A valid token of a revoked session is a 401 <c>auth.session_revoked</c> (ADR-0018).</summary>
    public static void RejectRevokedSessions(this IServiceCollection services) =>
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<RevokedSessions>((bearer, revoked) => bearer.Events = new JwtBearerEvents
            {
                OnTokenValidated = context => RejectIfRevokedAsync(context, revoked),
            });

    private static async Task RejectIfRevokedAsync(TokenValidatedContext context, RevokedSessions revoked)
    {
        if (!Guid.TryParse(context.Principal?.FindFirst(AuthClaims.Session)?.Value, out var sessionId))
        {
            context.Fail("The access token names no session.");
            return;
        }

        if (!await revoked.IsRevokedAsync(sessionId, context.HttpContext.RequestAborted)) return;
        context.HttpContext.Items[AccessTokenAuthentication.FailureCodeItem] = AccessTokenAuthentication.SessionRevokedCode;
        context.Fail("The session of this access token has been revoked.");
    }
}
