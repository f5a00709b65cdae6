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

    internal static int StatusCodeOf(Error error) => error switch
    {
        NotFoundError => StatusCodes.Status404NotFound,
        ConflictError => StatusCodes.Status409Conflict,
        ForbiddenError => StatusCodes.Status403Forbidden,
        UnauthorizedError => StatusCodes.Status401Unauthorized,
        ValidationError => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status400BadRequest,
    };
}
