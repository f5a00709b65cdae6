namespace PasswordManager.Api.Common.ErrorHandling;

/// <summary>
/// Codes for failures that happen before a use case runs. Every ProblemDetails we send carries a
/// <c>code</c>; these cover the ones the framework produces.
/// </summary>
internal static class ProblemCodes
{
    public const string ValidationFailed = "request.validation_failed";
    public const string DatabaseUnavailable = "server.database_unavailable";
    public const string BlobStoreUnavailable = "server.blob_store_unavailable";
    public const string StorageFull = "server.storage_full";

    internal static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "request.malformed",
        StatusCodes.Status401Unauthorized => "auth.unauthenticated",
        StatusCodes.Status403Forbidden => "auth.forbidden",
        StatusCodes.Status404NotFound => "request.not_found",
        StatusCodes.Status405MethodNotAllowed => "request.method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "request.too_large",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "request.rate_limited",
        >= 500 => "server.error",
        _ => "request.failed",
    };
}
