using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PasswordManager.Infrastructure.Auth.Jwt;

/// <summary>
/// Remembers, per process, the exact access-token strings that passed full validation (signature, algorithm, key id,
/// issuer, audience, lifetime) until they expire, so a client that sends the same token on every request pays for
/// parsing and the HMAC once instead of on every request. Only a token that validated is remembered, and its expiry
/// (plus the clock skew validation allowed) is checked again on every hit. The remembered claims are a
/// <see cref="FrozenClaimsIdentity"/>: shared by every request that presents the token, and refusing any change.
/// The revocation check (<see cref="JwtAuthentication.RejectRevokedSessions"/>) is an event of the bearer handler, not
/// part of token validation, so it still runs on every request.
/// </summary>
internal sealed class CachingJsonWebTokenHandler : JsonWebTokenHandler
{
    private static readonly TimeSpan purgeInterval = TimeSpan.FromSeconds(10);

    private readonly int capacity;
    private readonly ConcurrentDictionary<string, ValidatedToken> validated = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ValidatedToken>.AlternateLookup<ReadOnlySpan<char>> validatedBySpan;
    private long nextPurgeTicks;

    public CachingJsonWebTokenHandler(int capacity)
    {
        this.capacity = capacity;
        validatedBySpan = validated.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The token as it passed full validation, if it did and has not expired since.</summary>
    public bool TryGetValidated(ReadOnlySpan<char> token, DateTime now, out ValidatedToken known)
    {
        if (validatedBySpan.TryGetValue(token, out known!) && now <= known.ValidUntil) return true;
        known = null!;
        return false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        var now = DateTime.UtcNow;
        if (token is not null)
        {
            if (TryGetValidated(token, now, out var known))
                return new TokenValidationResult { IsValid = true, SecurityToken = known.Token, ClaimsIdentity = known.Identity };
            validated.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && token is not null && result.SecurityToken is JsonWebToken jwt && result.ClaimsIdentity is { } identity)
        {
            var entry = new ValidatedToken(jwt, FrozenClaimsIdentity.Of(identity), jwt.ValidTo + validationParameters.ClockSkew);
            Remember(token, entry, now);
            result.ClaimsIdentity = entry.Identity;
        }

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

    internal sealed record ValidatedToken(JsonWebToken Token, FrozenClaimsIdentity Identity, DateTime ValidUntil);
}
