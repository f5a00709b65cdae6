using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace PasswordManager.Api.Common.Security;

/// <summary>
/// Applies the endpoint's body size limit before anything reads the body: a declared Content-Length over
/// the limit is refused at once with 413, and the server's own limit is lowered for bodies of unknown length.
/// </summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is null) return next(context);

        if (context.Request.ContentLength > limit)
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        return next(context);
    }
}
