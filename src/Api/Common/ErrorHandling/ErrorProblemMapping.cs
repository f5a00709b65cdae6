using Microsoft.AspNetCore.Http.HttpResults;
using PasswordManager.Domain.Common;

namespace PasswordManager.Api.Common.ErrorHandling;

internal static class ErrorProblemMapping
{
    /// <summary>The one place where an expected failure becomes an HTTP answer.</summary>
    internal static ProblemHttpResult ToProblem(this Error error) => TypedResults.Problem(
        title: error.Message,
        statusCode: StatusCodeOf(error),
        extensions: error.Details is null
            ? new Dictionary<string, object?> { ["code"] = error.Code }
            : new Dictionary<string, object?> { ["code"] = error.Code, ["details"] = error.Details });

    /// <summary>As <see cref="ToProblem(Error)"/>, plus the <c>Retry-After</c> header a 429 owes its caller.</summary>
    internal static ProblemHttpResult ToProblem(this Error error, HttpResponse response)
    {
        if (error is TooManyRequestsError throttled)
            response.Headers.RetryAfter = throttled.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return error.ToProblem();
    }

    internal static int StatusCodeOf(Error error) => error switch
    {
        NotFoundError => StatusCodes.Status404NotFound,
        ConflictError => StatusCodes.Status409Conflict,
        ForbiddenError => StatusCodes.Status403Forbidden,
        UnauthorizedError => StatusCodes.Status401Unauthorized,
        PayloadTooLargeError => StatusCodes.Status413PayloadTooLarge,
        ValidationError => StatusCodes.Status400BadRequest,
        TooManyRequestsError => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };
}
