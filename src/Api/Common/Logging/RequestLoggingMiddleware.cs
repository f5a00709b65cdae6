using System.Diagnostics;

namespace PasswordManager.Api.Common.Logging;

/// <summary>
/// One log line per request with metadata only: method, route template (not the raw path), status and
/// duration. Bodies, headers and query strings are never logged.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, elapsedMs);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs);
}
