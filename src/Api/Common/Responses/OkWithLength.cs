using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace PasswordManager.Api.Common.Responses;

/// <summary>
/// 200 with a JSON body serialized in one synchronous pass before the response starts, so it goes out with a
/// <c>Content-Length</c> together with the headers instead of chunked from the asynchronous serializer. The same JSON
/// and OpenAPI metadata as <c>TypedResults.Ok</c>. Only for bodies that hold no secret: the thread's serialization
/// buffer is reused and not wiped.
/// </summary>
internal sealed class OkWithLength<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? buffer;
    [ThreadStatic] private static (JsonSerializerOptions Options, Utf8JsonWriter Writer)? writers;

    public T? Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = buffer ??= new ArrayBufferWriter<byte>(4096);
        body.ResetWrittenCount();
        var writer = WriterFor(options, body);
        try
        {
            JsonSerializer.Serialize(writer, Value, (JsonTypeInfo<T?>)options.GetTypeInfo(typeof(T)));
        }
        finally
        {
            writer.Reset();
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.WrittenCount;
        response.BodyWriter.Write(body.WrittenSpan);
        return Task.CompletedTask;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }

    private static Utf8JsonWriter WriterFor(JsonSerializerOptions options, IBufferWriter<byte> body)
    {
        if (writers is { } cached && ReferenceEquals(cached.Options, options))
        {
            cached.Writer.Reset(body);
            return cached.Writer;
        }

        var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, SkipValidation = true });
        writers = (options, writer);
        return writer;
    }
}
