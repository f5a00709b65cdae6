using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using PasswordManager.Api.Common.Security;
using PasswordManager.Api.Encryption;

namespace PasswordManager.Api.Common.OpenApi;

/// <summary>What an endpoint's authorization metadata says about its callers, as the OpenAPI document states it.</summary>
internal sealed class EndpointAccess(IList<object> metadata)
{
    private readonly IAuthorizeData[] authorizeData = metadata.OfType<IAuthorizeData>().ToArray();
    private readonly AuthorizationPolicy[] policies = metadata.OfType<AuthorizationPolicy>().ToArray();

    public bool RequiresAuthentication =>
        (authorizeData.Length > 0 || policies.Length > 0) && !metadata.OfType<IAllowAnonymous>().Any();

    public ApiKeyAccessMetadata? ApiKey => metadata.OfType<ApiKeyAccessMetadata>().LastOrDefault();

    /// <summary>A named policy, roles or a requirement beyond "signed in": an authenticated caller can still get 403.</summary>
    public bool RestrictsCallers =>
        authorizeData.Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))
        || policies.Any(p => p.Requirements.Any(r => r is not DenyAnonymousAuthorizationRequirement));

    /// <summary>
    /// The authentication schemes the endpoint's policies name, with the Encryption Service's caller scheme spelled
    /// out as the three it stands for; empty means the default (bearer) scheme.
    /// </summary>
    public IReadOnlySet<string> AuthenticationSchemes =>
        authorizeData.SelectMany(a => (a.AuthenticationSchemes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Concat(policies.SelectMany(p => p.AuthenticationSchemes))
            .SelectMany(scheme => scheme == EncryptionCallerAuthenticationHandler.Scheme ? EncryptionCallerAuthenticationHandler.Schemes : [scheme])
            .ToHashSet(StringComparer.Ordinal);

    public bool IsRateLimited =>
        metadata.OfType<EnableRateLimitingAttribute>().Any() || metadata.OfType<OwnRateLimitMetadata>().Any();
}

/// <summary>Marks an endpoint that applies a rate limit of its own (it can answer 429 without a limiter policy).</summary>
internal sealed record OwnRateLimitMetadata
{
    internal static readonly OwnRateLimitMetadata Instance = new();
}
