using System.Net;
using System.Text.Json;

namespace PasswordManager.Client.Sdk.Http;

/// <summary>Turns an error response into a <see cref="PmApiException"/>, also when a proxy answered with something that is not ProblemDetails.</summary>
internal static class ProblemReader
{
    public static async Task<PmApiException> ReadAsync(HttpResponseMessage response, TimeProvider clock, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var retryAfter = RetryAfter(response, clock);
        var fallback = new PmApiException(status, FallbackCode(status), $"The server answered {(int)status} {response.ReasonPhrase}.") { RetryAfter = retryAfter };
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return fallback;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return fallback;
            return new PmApiException(
                status,
                String(root, "code") ?? FallbackCode(status),
                String(root, "title") ?? fallback.Title,
                String(root, "detail"),
                Errors(root),
                String(root, "traceId"),
                root.TryGetProperty("details", out var details) && details.ValueKind != JsonValueKind.Null ? details.Clone() : null)
            {
                RetryAfter = retryAfter,
            };
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > clock.GetUtcNow() ? date - clock.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string[]> Errors(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("errors", out var element) || element.ValueKind != JsonValueKind.Object) return errors;
        foreach (var field in element.EnumerateObject())
        {
            errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                ? [.. field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!)]
                : [];
        }

        return errors;
    }

    private static string FallbackCode(HttpStatusCode status) => (int)status switch
    {
        401 => ProblemCodes.Unauthenticated,
        404 => "request.not_found",
        429 => "request.rate_limited",
        >= 500 => "server.error",
        _ => "request.failed",
    };
}
