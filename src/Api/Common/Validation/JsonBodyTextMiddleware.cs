using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Api.Common.ErrorHandling;

namespace PasswordManager.Api.Common.Validation;

/// <summary>
/// Applies <see cref="RequestText"/> to every string of a JSON request body, at any depth, before the body is
/// bound: a refused string answers 400 <c>request.validation_failed</c> naming its path (<c>device.name</c>,
/// <c>scopes[1]</c>) and nothing runs. It runs after authentication and rate limiting, so only callers who may
/// reach the endpoint cost a scan; the body is read once into a pooled buffer, handed on from memory and wiped when
/// the request ends. A body that is not readable JSON is left to the binder, which answers <c>request.malformed</c>.
/// </summary>
internal sealed class JsonBodyTextMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is null || !context.Request.HasJsonContentType())
        {
            await next(context);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(context.Request.ContentLength is > 0 and <= int.MaxValue ? (int)context.Request.ContentLength : 4096);
        var length = 0;
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
                if (length == buffer.Length) buffer = Grow(buffer, length);
            }

            context.Request.Body = new MemoryStream(buffer, 0, length, writable: false, publiclyVisible: true);
            // Binders read the buffered bytes as they are: the framework's through the body pipe, JsonBody<T> directly.
            context.Features.Set<IRequestBodyPipeFeature>(new BufferedJsonBody(buffer.AsMemory(0, length)));
            var field = FirstRefusedString(buffer.AsSpan(0, length));
            if (field is null)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [RequestText.Problem] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request is not valid.",
                    Extensions = { ["code"] = ProblemCodes.ValidationFailed },
                },
            });
        }
        finally
        {
            // The body may carry plaintext (an encrypt call): nothing of it stays in the shared pool.
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(larger);
        CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    /// <summary>The path of the first string (value or property name) that breaks the rule, or null.</summary>
    /// <remarks>The usual body passes a scan that tracks no path; only a refused one is read again to name the string.</remarks>
    internal static string? FirstRefusedString(ReadOnlySpan<byte> json) => EveryStringAcceptable(json) ? null : PathOfFirstRefused(json);

    private static bool EveryStringAcceptable(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String && !IsPlainAscii(ref reader) && !IsAcceptable(ref reader, out _))
                    return false;
            }
        }
        catch (JsonException)
        {
        }

        return true;
    }

    private static string? PathOfFirstRefused(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        var path = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path);
                        path.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        path[^1].Property = IsAcceptable(ref reader, out var name) ? name : null;
                        if (name is null) return Describe(path);
                        break;
                    case JsonTokenType.String:
                        Advance(path);
                        if (!IsAcceptable(ref reader, out _)) return Describe(path);
                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static bool IsAcceptable(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        if (IsPlainAscii(ref reader))
        {
            if (reader.TokenType == JsonTokenType.PropertyName) text = Encoding.ASCII.GetString(reader.ValueSpan);
            return true;
        }

        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        if (RequestText.IsAcceptable(text)) return true;
        text = null;
        return false;
    }

    /// <summary>Base64 and ids are plain ASCII without escapes: nothing to decode (the reader refuses raw control bytes).</summary>
    private static bool IsPlainAscii(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && !reader.HasValueSequence && Ascii.IsValid(reader.ValueSpan) && reader.ValueSpan.IndexOf((byte)0x7f) < 0;

    private static void Advance(List<Frame> path)
    {
        if (path.Count > 0 && path[^1].IsArray) path[^1].Index++;
    }

    private static string Describe(List<Frame> path)
    {
        var text = new StringBuilder();
        foreach (var frame in path)
        {
            if (frame.IsArray) text.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else text.Append(text.Length == 0 ? "" : ".").Append(frame.Property ?? "?");
        }

        return text.Length == 0 ? "body" : text.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Property { get; set; }
    }
}
