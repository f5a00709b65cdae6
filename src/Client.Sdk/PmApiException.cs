using System.Net;
using System.Text.Json;

namespace PasswordManager.Client.Sdk;

/// <summary>
/// The server answered with an error. <see cref="Code"/> is the stable machine-readable code of the RFC 9457
/// ProblemDetails (for example <c>auth.invalid_credentials</c>); <see cref="Errors"/> holds per-field
/// validation messages when <see cref="Code"/> is <c>request.validation_failed</c>.
/// </summary>
public sealed class PmApiException : Exception
{
    public PmApiException()
        : this(HttpStatusCode.InternalServerError, "request.failed", "The request failed.")
    {
    }

    public PmApiException(string message)
        : this(HttpStatusCode.InternalServerError, "request.failed", message)
    {
    }

    public PmApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "request.failed";
        Title = message;
        Errors = new Dictionary<string, string[]>();
    }

    public PmApiException(
        HttpStatusCode status,
        string code,
        string title,
        string? detail = null,
        IReadOnlyDictionary<string, string[]>? errors = null,
        string? traceId = null,
        JsonElement? details = null)
        : base(detail is null ? title : $"{title} {detail}")
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
        TraceId = traceId;
        Details = details;
    }

    public HttpStatusCode Status { get; }

    public string Code { get; }

    public string Title { get; }

    public string? Detail { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public string? TraceId { get; }

    /// <summary>How long the server asked the client to wait (<c>Retry-After</c>), when it said so.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The problem's typed <c>details</c> member (for example the conflicts of <c>vault.stale_version</c>), when present.</summary>
    public JsonElement? Details { get; }

    /// <summary>A string member of <see cref="Details"/>; null when there is none.</summary>
    public string? DetailText(string name) =>
        Details is { ValueKind: JsonValueKind.Object } details
        && details.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A Guid member of <see cref="Details"/>; null when there is none.</summary>
    public Guid? DetailGuid(string name) => Guid.TryParse(DetailText(name), out var id) ? id : null;
}
