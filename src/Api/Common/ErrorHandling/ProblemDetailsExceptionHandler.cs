using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Common.Exceptions;
using StackExchange.Redis;

namespace PasswordManager.Api.Common.ErrorHandling;

/// <summary>
/// Turns the two kinds of bad input into 4xx ProblemDetails: a command that failed validation, and a body
/// the framework could not read (malformed JSON, too large); and Redis (shared rate limits, ADR-0029) being
/// unreachable into a 503 with Retry-After. Everything else stays a 500.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException validation => new ValidationProblemDetails(validation.Errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
                Extensions = { ["code"] = ProblemCodes.ValidationFailed },
            },
            BadHttpRequestException badRequest => new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than this endpoint accepts."
                    : "The request body could not be read.",
                Detail = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? null : badRequest.Message,
            },
            RedisException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The rate-limit store is unavailable. Try again shortly.",
                Extensions = { ["code"] = ProblemCodes.ForStatus(StatusCodes.Status503ServiceUnavailable) },
            },
            _ => null,
        };
        if (problem is null) return false;

        if (problem.Status == StatusCodes.Status503ServiceUnavailable) httpContext.Response.Headers.RetryAfter = "5";

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
