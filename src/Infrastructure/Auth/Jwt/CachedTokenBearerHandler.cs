using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PasswordManager.Infrastructure.Auth.Jwt;

/// <summary>
/// The bearer scheme's handler. A token that <see cref="CachingJsonWebTokenHandler"/> remembers as validated and
/// unexpired is looked up straight from the <c>Authorization</c> header, without the per-request copies of the
/// token string and of the validation parameters and without a validation result; it then goes through the
/// <see cref="JwtBearerEvents.TokenValidated"/> event exactly as a freshly validated token does, so the revocation
/// check of ADR-0018 runs on every request. Every other request (no token, an unknown, expired or malformed one)
/// takes the framework's full path with every validation rule (which also records the token's lifetime in the
/// authentication properties; nothing reads it). This scheme has no <c>MessageReceived</c> handler,
/// so the header is the only place a token comes from either way.
/// </summary>
internal sealed class CachedTokenBearerHandler(IOptionsMonitor<JwtBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : JwtBearerHandler(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Options.TokenHandlers is [CachingJsonWebTokenHandler cache]
        && Request.Headers.Authorization is [{ } authorization]
        && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
        && cache.TryGetValidated(authorization.AsSpan(BearerPrefix.Length).Trim(), DateTime.UtcNow, out var known)
            ? AuthenticateValidatedAsync(known)
            : base.HandleAuthenticateAsync();

    private async Task<AuthenticateResult> AuthenticateValidatedAsync(CachingJsonWebTokenHandler.ValidatedToken known)
    {
        var validated = new TokenValidatedContext(Context, Scheme, Options)
        {
            Principal = new ClaimsPrincipal(known.Identity),
            SecurityToken = known.Token,
        };
        await Events.TokenValidated(validated);
        if (validated.Result is not null) return validated.Result;
        validated.Success();
        return validated.Result!;
    }
}
