using System.Security.Claims;
using System.Text.Json;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PasswordManager.Application.Auth;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Domain.Auth.ApiKeys;
using PasswordManager.Domain.Auth.SecurityEvents;
using PasswordManager.Infrastructure.Auth.Jwt;

namespace PasswordManager.Infrastructure.Auth.ApiKeys;

/// <summary>
/// Authenticates <c>X-Api-Key</c> + <c>X-Api-Secret</c> as the key's owner, with the claim types of our access
/// tokens (so <c>ICurrentUser</c> works unchanged) plus the key id and one claim per scope. Whether an endpoint
/// accepts the principal at all is decided by the API-key gate, not here.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IAuthDbContext db, IApiKeySecretHasher hasher, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary><c>last_used_at</c> is written at most once per key within this interval.</summary>
    internal static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const int MaxHeaderLength = 128;
    private static readonly byte[] DecoyHash = new byte[32];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keyHeader = Request.Headers[ApiKeyAuthentication.KeyHeader];
        var secretHeader = Request.Headers[ApiKeyAuthentication.SecretHeader];
        if (keyHeader.Count == 0 && secretHeader.Count == 0) return AuthenticateResult.NoResult();

        var id = keyHeader.ToString();
        var secret = secretHeader.ToString();
        if (keyHeader.Count != 1 || secretHeader.Count != 1
            || id.Length is 0 or > MaxHeaderLength || !id.StartsWith(ApiKey.IdPrefix, StringComparison.Ordinal)
            || secret.Length is 0 or > MaxHeaderLength)
            return Failed(ApiKeyAuthentication.InvalidCode, "The API key or secret is not valid.");

        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Id == id)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new
            {
                k.UserId,
                k.TenantId,
                k.Scopes,
                k.SecretHash,
                k.ExpiresAt,
                k.RevokedAt,
                k.LastUsedAt,
                u.Role,
                u.Username,
                u.DisabledAt,
                TenantSuspended = db.Tenants.Any(t => t.Id == u.TenantId && t.SuspendedAt != null),
            })
            .SingleOrDefaultAsync(Context.RequestAborted);

        // An unknown id costs the same hash as a known one, and both failures read the same.
        var secretMatches = hasher.Verify(id, secret, key?.SecretHash ?? DecoyHash);
        if (key is null || !secretMatches || key.RevokedAt is not null)
            return Failed(ApiKeyAuthentication.InvalidCode, "The API key or secret is not valid.");

        var now = clock.GetUtcNow();
        if (key.ExpiresAt <= now) return Failed(ApiKeyAuthentication.ExpiredCode, "The API key has expired.");
        if (key.DisabledAt is not null) return Failed(ApiKeyAuthentication.AccountDisabledCode, "The API key's account is disabled by an administrator.");
        if (key.TenantSuspended) return Failed(ApiKeyAuthentication.TenantSuspendedCode, "The API key's organisation is suspended.");

        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
        {
            var staleBefore = now - LastUsedResolution;
            var marked = await db.ApiKeys
                .Where(k => k.Id == id && (k.LastUsedAt == null || k.LastUsedAt <= staleBefore))
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);

            // Recorded as often as last_used_at moves, so a busy key adds at most one audit row a minute.
            if (marked == 1)
            {
                db.SecurityEvents.Add(SecurityEvent.Occurred(
                    key.UserId, key.TenantId, SecurityEventTypes.ApiKeyUsed, now, Context.Connection.RemoteIpAddress?.ToString(), null,
                    JsonSerializer.Serialize(new Dictionary<string, object> { ["apiKeyId"] = id })));
                await db.SaveChangesAsync(Context.RequestAborted);
            }
        }

        var claims = new List<Claim>
        {
            new(AuthClaims.Subject, key.UserId.Value.ToString()),
            new(AuthClaims.Tenant, key.TenantId.Value.ToString()),
            new(AuthClaims.Role, key.Role.ToString().ToLowerInvariant()),
            new(AuthClaims.Username, key.Username),
            new(ApiKeyAuthentication.KeyIdClaim, id),
        };
        claims.AddRange(key.Scopes.Select(scope => new Claim(ApiKeyAuthentication.ScopeClaim, scope)));
        var identity = new ClaimsIdentity(claims, ApiKeyAuthentication.Scheme, AuthClaims.Username, AuthClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthentication.Scheme));
    }

    private static AuthenticateResult Failed(string code, string message) =>
        AuthenticateResult.Fail(message, new AuthenticationProperties(new Dictionary<string, string?> { [ApiKeyAuthentication.FailureCodeItem] = code }));
}
