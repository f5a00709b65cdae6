using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using RedisRateLimiting;

namespace PasswordManager.Api.Common.Security;

/// <summary>Every 429 the API sends: <c>Retry-After</c> in seconds and a ProblemDetails with <c>request.rate_limited</c>.</summary>
internal static class RateLimitedProblem
{
    public const string Code = "request.rate_limited";

    public static TimeSpan RetryAfterOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter
        : lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds) ? TimeSpan.FromSeconds(seconds)
        : TimeSpan.FromMinutes(1);

    public static async Task WriteAsync(HttpContext context, TimeSpan retryAfter, string title)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        SetRetryAfter(context.Response, retryAfter);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = title, Extensions = { ["code"] = Code } },
        });
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
