using System.Buffers;
using System.IO.Pipelines;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace PasswordManager.Api.Common.Validation;

/// <summary>
/// The JSON body as <see cref="JsonBodyTextMiddleware"/> read it into its pooled buffer (wiped when the request ends):
/// the request's body pipe for the usual binder, and the bytes themselves for <see cref="JsonBody{T}"/>.
/// </summary>
internal sealed class BufferedJsonBody(ReadOnlyMemory<byte> json) : IRequestBodyPipeFeature
{
    private PipeReader? reader;

    public ReadOnlyMemory<byte> Json { get; } = json;

    public PipeReader Reader => reader ??= PipeReader.Create(new ReadOnlySequence<byte>(Json));
}

/// <summary>
/// A JSON request body bound in one synchronous pass over the buffered bytes instead of the framework's
/// asynchronous pipe reader, for the hot endpoints. Same serializer options, the same 400 for JSON that does not
/// read as <typeparamref name="T"/> (a required parameter not provided) and the same 415 and OpenAPI request body
/// (its <see cref="AcceptsMetadata"/>) as an inferred body parameter.
/// </summary>
internal sealed class JsonBody<T>(T value) : IBindableFromHttpContext<JsonBody<T>>, IEndpointParameterMetadataProvider
    where T : class
{
    public T Value { get; } = value;

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        try
        {
            var value = context.Features.Get<IRequestBodyPipeFeature>() is BufferedJsonBody buffered
                ? JsonSerializer.Deserialize(buffered.Json.Span, typeInfo)
                : await context.Request.ReadFromJsonAsync(typeInfo, context.RequestAborted);
            return value is null ? null : new JsonBody<T>(value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));
    }
}
