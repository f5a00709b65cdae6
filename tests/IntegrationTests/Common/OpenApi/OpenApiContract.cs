using System.Net.Http.Headers;
using System.Text.Json;

namespace PasswordManager.IntegrationTests.Common.OpenApi;

/// <summary>
/// The served OpenAPI document as a contract for live exchanges: each response must belong to a documented
/// operation and status, carry a documented content type, and its JSON body must match the declared schema.
/// </summary>
internal sealed class OpenApiContract(JsonElement document)
{
    private readonly SchemaChecker checker = new(document);

    public JsonElement Document => document;

    public IReadOnlyList<string> Check(HttpMethod method, string path, HttpResponseMessage response, string body)
    {
        var where = $"{method} {path} → {(int)response.StatusCode}";
        var operation = FindOperation(method, path);
        if (operation is null) return [$"{where}: no such operation in the document"];
        if (!operation.Value.TryGetProperty("responses", out var responses)
            || !responses.TryGetProperty(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), out var declared))
            return [$"{where}: status not in the document"];

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var hasContent = declared.TryGetProperty("content", out var content);
        if (body.Length == 0) return [];
        if (mediaType is null || !hasContent || !content.TryGetProperty(mediaType, out var media))
            return [$"{where}: content type '{mediaType}' not in the document"];
        if (!media.TryGetProperty("schema", out var schema) || !IsJson(response.Content.Headers.ContentType!)) return [];

        var errors = new List<string>();
        var json = JsonDocument.Parse(body).RootElement;
        checker.Check(schema, json, where + " body", errors);
        if (declared.TryGetProperty("x-problem-codes", out var codes) && json.TryGetProperty("code", out var code)
            && !codes.EnumerateArray().Any(c => c.GetString() == code.GetString()))
            errors.Add($"{where}: code '{code.GetString()}' is not among the documented {codes.GetRawText()}");
        return errors;
    }

    /// <summary>The operation whose path template matches, preferring literal segments over parameters (/members/me).</summary>
    private JsonElement? FindOperation(HttpMethod method, string path)
    {
        var segments = path.Split('?')[0].Trim('/').Split('/');
        JsonElement? best = null;
        var bestLiterals = -1;
        foreach (var template in document.GetProperty("paths").EnumerateObject())
        {
            var parts = template.Name.Trim('/').Split('/');
            if (parts.Length != segments.Length) continue;
            var literals = 0;
            var matches = true;
            for (var i = 0; i < parts.Length && matches; i++)
            {
                if (parts[i].StartsWith('{')) continue;
                matches = string.Equals(parts[i], Uri.UnescapeDataString(segments[i]), StringComparison.Ordinal);
                literals++;
            }

            if (matches && literals > bestLiterals
                && template.Value.TryGetProperty(method.Method.ToLowerInvariant(), out var operation))
            {
                best = operation;
                bestLiterals = literals;
            }
        }

        return best;
    }

    private static bool IsJson(MediaTypeHeaderValue contentType) =>
        contentType.MediaType is "application/json" or "application/problem+json";
}

/// <summary>Checks every response that passes through it against the contract and keeps the violations.</summary>
internal sealed class ContractCheckingHandler(OpenApiContract contract) : DelegatingHandler
{
    private readonly List<string> violations = [];

    public IReadOnlyList<string> Violations => violations;

    public List<string> Exchanges { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
        Exchanges.Add($"{request.Method} {path.Split('?')[0]} {(int)response.StatusCode}");
        violations.AddRange(contract.Check(request.Method, path, response, body));
        return response;
    }
}
