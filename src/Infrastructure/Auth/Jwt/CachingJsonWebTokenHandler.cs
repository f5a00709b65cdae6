using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PasswordManager.Infrastructure.Auth.Jwt;

/// <summary>
/// Remembers, per process, the exact access-token strings that passed full validation (signature, algorithm, key id,
/// issuer, audience, lifetime) until they expire, so a client that sends the same token on every request pays for
/// parsing and the HMAC once instead of on every request. Only a token that validated is remembered, its expiry (plus
/// the clock skew validation allowed) is checked again on every hit, and every hit gets its own copy of the claims.
/// The revocation check (<see cref="JwtAuthentication.RejectRevokedSessions"/>) is an event of the bearer handler, not
/// part of token validation, so it still runs on every request.
/// </summary>
internal sealed class CachingJsonWebTokenHandler(int capacity) : JsonWebTokenHandler
{
    private static readonly TimeSpan purgeInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, ValidatedToken> validated = new(StringComparer.Ordinal);
    private long nextPurgeTicks;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        var now = DateTime.UtcNow;
        if (token is not null && validated.TryGetValue(token, out var known))
        {
            if (now <= known.ValidUntil)
                return new TokenValidationResult { IsValid = true, SecurityToken = known.Token, ClaimsIdentity = known.Identity.Clone() };
            validated.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && token is not null && result.SecurityToken is JsonWebToken jwt && result.ClaimsIdentity is { } identity)
            Remember(token, new ValidatedToken(jwt, identity.Clone(), jwt.ValidTo + validationParameters.ClockSkew), now);
        return result;
    }

    private void Remember(string token, ValidatedToken entry, DateTime now)
    {
        if (validated.Count >= capacity && now.Ticks >= Interlocked.Read(ref nextPurgeTicks))
        {
            Interlocked.Exchange(ref nextPurgeTicks, (now + purgeInterval).Ticks);
            foreach (var (key, value) in validated)
                if (now > value.ValidUntil) validated.TryRemove(key, out _);
        }

        if (validated.Count < capacity) validated.TryAdd(token, entry);
    }

    private sealed record ValidatedToken(JsonWebToken Token, ClaimsIdentity Identity, DateTime ValidUntil);
}
