using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;

namespace PasswordManager.Api.Common.Validation;

/// <summary>
/// Applies <see cref="RequestText"/> to route values, query values and the headers the API reads (<c>X-…</c>
/// and <c>If-Match</c>) before anything uses them; bodies are checked by <see cref="JsonBodyTextMiddleware"/>.
/// A refused value answers 400 <c>request.validation_failed</c> naming it, and nothing runs.
/// </summary>
internal sealed class RequestTextMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (name, value) in context.Request.RouteValues)
            if (value is string text && !RequestText.IsAcceptable(text)) (errors ??= [])[name] = [RequestText.Problem];
        foreach (var (name, values) in context.Request.Query)
            if (!AllAcceptable(values)) (errors ??= [])[name] = [RequestText.Problem];
        foreach (var (name, values) in context.Request.Headers)
            if (IsReadByTheApi(name) && !AllAcceptable(values)) (errors ??= [])[name] = [RequestText.Problem];

        if (errors is null)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
                Extensions = { ["code"] = ProblemCodes.ValidationFailed },
            },
        });
    }

    private static bool IsReadByTheApi(string header) =>
        (header.StartsWith("X-", StringComparison.OrdinalIgnoreCase) && !header.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase))
        || header.Equals("If-Match", StringComparison.OrdinalIgnoreCase);

    private static bool AllAcceptable(Microsoft.Extensions.Primitives.StringValues values)
    {
        foreach (var value in values)
            if (value is not null && !RequestText.IsAcceptable(value)) return false;
        return true;
    }
}
