using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using PasswordManager.Application.Contracts.Auth;
using PasswordManager.Application.Encryption;

namespace PasswordManager.Api.Encryption;

/// <summary>
/// The one authentication scheme of the <c>/v1</c> routes (ADR-0033). It stands for the three ways to call the
/// Encryption Service — bearer token, tenant service secret, API key — and gives exactly the principal that a
/// policy naming all three would give: every scheme is tried whose credentials the request carries, and their
/// principals are merged in the same order. A scheme whose credentials are absent answers "no result" whatever
/// it is asked, so skipping it changes nothing: the usual request (a bearer token alone) costs one handler, not three.
/// Challenge and forbid go to all three schemes, as for a multi-scheme policy.
/// </summary>
internal sealed class EncryptionCallerAuthenticationHandler : IAuthenticationHandler
{
    internal const string Scheme = "EncryptionCaller";

    /// <summary>In the order a multi-scheme policy authenticates, challenges and forbids them.</summary>
    internal static readonly string[] Schemes = [JwtBearerDefaults.AuthenticationScheme, EncryptionAccess.ServiceScheme, ApiKeyAuthentication.Scheme];

    private HttpContext context = null!;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        this.context = context;
        return Task.CompletedTask;
    }

    public async Task<AuthenticateResult> AuthenticateAsync()
    {
        var headers = context.Request.Headers;
        var bearer = headers.ContainsKey("Authorization");
        var service = headers.ContainsKey(EncryptionAccess.TenantHeader) || headers.ContainsKey(EncryptionAccess.SecretHeader);
        var apiKey = headers.ContainsKey(ApiKeyAuthentication.KeyHeader) || headers.ContainsKey(ApiKeyAuthentication.SecretHeader);
        var presented = (bearer ? 1 : 0) + (service ? 1 : 0) + (apiKey ? 1 : 0);
        if (presented == 0) return AuthenticateResult.NoResult();
        if (presented == 1)
        {
            if (bearer && AuthenticatedBearer(context) is { } known) return known;
            return await context.AuthenticateAsync(bearer ? Schemes[0] : service ? Schemes[1] : Schemes[2]);
        }

        ClaimsPrincipal? merged = null;
        foreach (var scheme in Schemes)
        {
            var result = await context.AuthenticateAsync(scheme);
            if (result.Succeeded) merged = Merge(merged, result.Principal);
        }

        return merged is null
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Success(new AuthenticationTicket(merged, Scheme));
    }

    /// <summary>
    /// The authentication middleware has already authenticated the default (bearer) scheme: a request that carries a
    /// bearer token and no other credentials reuses that result instead of asking the authentication service again.
    /// </summary>
    internal static AuthenticateResult? AuthenticatedBearer(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey(EncryptionAccess.TenantHeader) || headers.ContainsKey(EncryptionAccess.SecretHeader)
            || headers.ContainsKey(ApiKeyAuthentication.KeyHeader) || headers.ContainsKey(ApiKeyAuthentication.SecretHeader))
            return null;
        return context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is
            { Succeeded: true, Ticket.AuthenticationScheme: JwtBearerDefaults.AuthenticationScheme } known
            ? known
            : null;
    }

    public async Task ChallengeAsync(AuthenticationProperties? properties)
    {
        foreach (var scheme in Schemes) await context.ChallengeAsync(scheme, properties);
    }

    public async Task ForbidAsync(AuthenticationProperties? properties)
    {
        foreach (var scheme in Schemes) await context.ForbidAsync(scheme, properties);
    }

    /// <summary>As ASP.NET Core merges the principals of several schemes: the newer identities first.</summary>
    private static ClaimsPrincipal Merge(ClaimsPrincipal? existing, ClaimsPrincipal additional)
    {
        if (existing is null) return additional;
        var principal = new ClaimsPrincipal();
        principal.AddIdentities(additional.Identities);
        principal.AddIdentities(existing.Identities.Where(i => i.IsAuthenticated || i.Claims.Any()));
        return principal;
    }
}

/// <summary>
/// Authorizes the <c>/v1</c> routes' bearer callers on the principal the authentication middleware already made, as
/// <see cref="EncryptionCallerAuthenticationHandler"/> would answer for them, without a second pass through the
/// authentication service; every other policy and caller goes the usual way.
/// </summary>
internal sealed class EncryptionCallerPolicyEvaluator(PolicyEvaluator evaluator) : IPolicyEvaluator
{
    public Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        if (policy.AuthenticationSchemes is not [EncryptionCallerAuthenticationHandler.Scheme]
            || EncryptionCallerAuthenticationHandler.AuthenticatedBearer(context) is not { } known)
            return evaluator.AuthenticateAsync(policy, context);
        context.User = known.Principal!;
        return Task.FromResult(known);
    }

    public Task<PolicyAuthorizationResult> AuthorizeAsync(
        AuthorizationPolicy policy, AuthenticateResult authenticationResult, HttpContext context, object? resource) =>
        evaluator.AuthorizeAsync(policy, authenticationResult, context, resource);
}
