using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using PasswordManager.Api.Common.Security;
using PasswordManager.Api.Encryption.Contexts;
using PasswordManager.Api.Encryption.Operations;
using PasswordManager.Api.Encryption.ReEncryption;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Encryption;

namespace PasswordManager.Api.Encryption;

internal static class EncryptionEndpoints
{
    internal const long SingleBodyLimit = 1024 * 1024;
    internal const long BatchBodyLimit = 8 * 1024 * 1024;

    /// <summary>
    /// Tenant admins (bearer token with role admin or owner, the rule of <see cref="Policies.TenantAdmin"/>) or the
    /// tenant's service-to-service secret, or an admin's API key on the endpoints that opt in to one (the API-key
    /// gate has already checked its scope). A request must speak for exactly one tenant. The three schemes are
    /// reached through <see cref="EncryptionCallerAuthenticationHandler"/>, which authenticates only those the request
    /// carries credentials for (ADR-0033).
    /// </summary>
    internal static readonly AuthorizationPolicy Callers = new AuthorizationPolicyBuilder(EncryptionCallerAuthenticationHandler.Scheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => IsCaller(context.User))
        .Build();

    /// <summary>Exactly one distinct <c>tid</c> and a role of admin, owner or the service: one pass over the claims.</summary>
    private static bool IsCaller(ClaimsPrincipal user)
    {
        string? tenant = null;
        var permitted = false;
        foreach (var identity in user.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                if (string.Equals(claim.Type, "tid", StringComparison.OrdinalIgnoreCase))
                {
                    if (tenant is null) tenant = claim.Value;
                    else if (!string.Equals(tenant, claim.Value, StringComparison.Ordinal)) return false;
                }
                else if (string.Equals(claim.Type, "role", StringComparison.OrdinalIgnoreCase) && claim.Value is "admin" or "owner" or EncryptionAccess.ServiceRole)
                {
                    permitted = true;
                }
            }
        }

        return tenant is not null && permitted;
    }

    internal static IServiceCollection AddEncryptionCallers(this IServiceCollection services)
    {
        services.AddAuthentication(options => options.AddScheme<EncryptionCallerAuthenticationHandler>(EncryptionCallerAuthenticationHandler.Scheme, null));
        services.AddTransient<EncryptionCallerAuthenticationHandler>();
        services.AddTransient<PolicyEvaluator>();
        services.AddTransient<IPolicyEvaluator, EncryptionCallerPolicyEvaluator>();
        return services;
    }

    internal static IEndpointRouteBuilder MapEncryption(this IEndpointRouteBuilder app)
    {
        var contract = app.MapGroup("/v1")
            .WithTags("Encryption")
            .RequireAuthorization(Callers)
            .WithMetadata(new RequestSizeLimitMetadata(SingleBodyLimit));
        contract.MapEncrypt();
        contract.MapDecrypt();
        contract.MapRotate().AllowApiKey(ApiKeyScope.KeyRotation);
        contract.MapRewrap();
        contract.MapGenerateDataKey();

        var contexts = app.MapGroup("/v1/encryptions")
            .WithTags("Encryption")
            .RequireAuthorization(Callers)
            .WithMetadata(new RequestSizeLimitMetadata(16 * 1024));
        contexts.MapCreateContext();
        contexts.MapListContexts();
        contexts.MapGetContext();
        contexts.MapSetMinimumDecryptionVersion();
        contexts.MapChangeVersionState();
        contexts.MapDestroyVersion();
        contexts.MapGetReEncryptionProgress().AllowApiKey(ApiKeyScope.KeyRotation);
        return app;
    }

    internal static RouteHandlerBuilder AsBatch(this RouteHandlerBuilder route) =>
        route.WithMetadata(new RequestSizeLimitMetadata(BatchBodyLimit));
}
