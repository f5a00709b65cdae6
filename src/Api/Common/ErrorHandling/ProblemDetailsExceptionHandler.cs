using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Application.Common.Exceptions;
using StackExchange.Redis;

namespace PasswordManager.Api.Common.ErrorHandling;

/// <summary>
/// Turns the two kinds of bad input into 4xx ProblemDetails: a command that failed validation, and a body
/// the framework could not read (malformed JSON, too large); Redis (shared rate limits, ADR-0029) being
/// unreachable into a 503 with Retry-After; and a failed database or blob store into a 503 with <c>Retry-After</c>,
/// or a 507 for a full disk (ADR-0030). Everything else stays a 500.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, IDependencyFailures dependencyFailures) : IExceptionHandler
{
    public const int DatabaseRetryAfterSeconds = 2;
    public const int BlobStoreRetryAfterSeconds = 5;

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
            _ => DependencyProblem(httpContext.Response, dependencyFailures.Classify(exception)),
        };
        if (problem is null) return false;

        if (problem.Status == StatusCodes.Status503ServiceUnavailable && string.IsNullOrEmpty(httpContext.Response.Headers.RetryAfter))
            httpContext.Response.Headers.RetryAfter = "5";

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private static ProblemDetails? DependencyProblem(HttpResponse response, DependencyFailure? failure)
    {
        if (failure is null) return null;
        var (status, code, title, retryAfter) = failure.Value switch
        {
            DependencyFailure.DatabaseUnavailable => (StatusCodes.Status503ServiceUnavailable, ProblemCodes.DatabaseUnavailable,
                "The database is unavailable or did not answer in time. Try again later.", DatabaseRetryAfterSeconds),
            DependencyFailure.BlobStoreUnavailable => (StatusCodes.Status503ServiceUnavailable, ProblemCodes.BlobStoreUnavailable,
                "The blob store is unavailable. Nothing was saved; try again later.", BlobStoreRetryAfterSeconds),
            _ => (StatusCodes.Status507InsufficientStorage, ProblemCodes.StorageFull,
                "The server has no storage space left. Nothing was saved.", 0),
        };
        if (retryAfter > 0) response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails { Status = status, Title = title, Extensions = { ["code"] = code } };
    }
}
