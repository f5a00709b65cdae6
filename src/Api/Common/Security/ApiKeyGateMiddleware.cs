using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Contracts.Auth;

namespace PasswordManager.Api.Common.Security;

/// <summary>
/// Deny by default for machine clients. A request that presents <c>X-Api-Key</c> or <c>X-Api-Secret</c> is an
/// API-key request: on an endpoint without <see cref="ApiKeyAccessMetadata"/> it is refused with 403 before the
/// key is even looked up (so nothing runs, and no endpoint becomes an oracle for keys). On an endpoint that opted
/// in, the key is authenticated (401 on failure, counted by <see cref="ApiKeyFailureLimiter"/>), its scopes are
/// checked (403), and it replaces any other principal for the rest of the request.
/// </summary>
internal sealed class ApiKeyGateMiddleware(RequestDelegate next, IProblemDetailsService problems, ApiKeyFailureLimiter limiter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey(ApiKeyAuthentication.KeyHeader)
            && !context.Request.Headers.ContainsKey(ApiKeyAuthentication.SecretHeader))
        {
            await next(context);
            return;
        }

        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await next(context);
            return;
        }

        var access = endpoint.Metadata.GetMetadata<ApiKeyAccessMetadata>();
        if (access is null)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, ApiKeyAuthentication.NotAllowedCode,
                "This endpoint does not accept API keys. Use a user session.");
            return;
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var (allowed, retryAfter) = await limiter.MayAttemptAsync(client);
        if (!allowed)
        {
            await RateLimitedProblem.WriteAsync(context, retryAfter, "Too many failed API-key attempts from this address. Try again later.");
            return;
        }

        var result = await context.AuthenticateAsync(ApiKeyAuthentication.Scheme);
        if (!result.Succeeded)
        {
            await limiter.RecordFailureAsync(client);
            var code = result.Properties?.Items.TryGetValue(ApiKeyAuthentication.FailureCodeItem, out var c) == true && c is not null
                ? c
                : ApiKeyAuthentication.InvalidCode;
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, code,
                code == ApiKeyAuthentication.ExpiredCode ? "The API key has expired." : "The API key or secret is not valid.");
            return;
        }

        if (!result.Principal.HasClaim(ApiKeyAuthentication.ScopeClaim, access.Scope))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, ApiKeyAuthentication.ScopeMissingCode,
                $"This API key does not have the '{access.Scope}' scope.");
            return;
        }

        context.User = result.Principal;
        await next(context);
    }

    private async Task RefuseAsync(HttpContext context, int status, string code, string title)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Extensions = { ["code"] = code } },
        });
    }
}
