using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PasswordManager.IntegrationTests.Infrastructure;
using PasswordManager.IntegrationTests.Vault;

namespace PasswordManager.IntegrationTests.Common.Validation;

/// <summary>
/// Walks every operation of the live OpenAPI document and sends a NUL in each string parameter and in each
/// string field of a body built from the operation's schema, as a signed-in tenant owner. No answer may be a 5xx.
/// </summary>
public sealed class ControlCharacterWalkHttpTests : TestBase
{
    private const string Nul = "a\u0000b";

    // The HTTP server refuses a NUL in the path itself (Kestrel: 400; the test server throws), so path values
    // carry the next control character instead.
    private const string PathControl = "a\u0001b";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Test]
    public async Task ShouldAnswerNoOperationWithA5xxWhenAStringCarriesANul()
    {
        var owner = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(owner.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        using var documentResponse = await client.GetAsync("/openapi/v1.json");
        Assert.That(documentResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = JsonNode.Parse(await documentResponse.Content.ReadAsStringAsync())!;
        var walk = new Walk(document, vaultId);

        var failures = new List<string>();
        var probes = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (item![method] is not JsonObject operation) continue;
                var parameters = Parameters(item, operation);
                var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                var body = bodySchema is null ? null : walk.Sample(bodySchema, 0);

                foreach (var parameter in parameters.Where(p => walk.IsString(p["schema"])))
                {
                    probes.Add($"{method.ToUpperInvariant()} {path} parameter {parameter["name"]}");
                    var status = await SendAsync(client, method, path, parameters, walk, body, parameter["name"]!.GetValue<string>(), null);
                    if (status >= 500) failures.Add($"{method.ToUpperInvariant()} {path} parameter {parameter["name"]}: {status}");
                }

                if (body is null) continue;
                foreach (var field in StringFields(body, "$"))
                {
                    probes.Add($"{method.ToUpperInvariant()} {path} body {field}");
                    var probe = body.DeepClone();
                    Replace(probe, field);
                    var status = await SendAsync(client, method, path, parameters, walk, probe, null, field);
                    if (status >= 500) failures.Add($"{method.ToUpperInvariant()} {path} body {field}: {status}");
                }
            }
        }

        Assert.That(probes, Has.Count.GreaterThan(50), "the walk must reach the API's string inputs");
        Assert.That(probes, Is.SupersetOf(new[]
        {
            "POST /api/v1/auth/prelogin body $.username",
            "POST /api/v1/auth/login body $.username",
            "POST /api/v1/auth/login body $.device.name",
            "POST /api/v1/auth/api-keys body $.name",
            "POST /api/v1/auth/api-keys body $.scopes[0]",
            "GET /v1/encryptions parameter after",
            "GET /api/v1/sync parameter cursor",
            "POST /api/v1/vaults/{vaultId}/members body $.wrappedKey",
        }), string.Join('\n', probes));
        Assert.That(failures, Is.Empty, TestApp.Factory.Logs.RecentErrors);
    }

    private static List<JsonNode> Parameters(JsonNode item, JsonNode operation) =>
        [.. (item["parameters"]?.AsArray() ?? []).Concat(operation["parameters"]?.AsArray() ?? []).OfType<JsonNode>()];

    private static async Task<int> SendAsync(
        HttpClient client, string method, string path, List<JsonNode> parameters, Walk walk, JsonNode? body, string? nulParameter, string? field)
    {
        var url = new StringBuilder(path);
        var query = new List<string>();
        var headers = new List<(string, string)>();
        foreach (var parameter in parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var location = parameter["in"]!.GetValue<string>();
            var value = name == nulParameter ? Nul : walk.ParameterValue(name, parameter["schema"]);
            if (value is null) continue;
            switch (location)
            {
                case "path": url.Replace("{" + name + "}", Uri.EscapeDataString(name == nulParameter ? PathControl : value)); break;
                case "query": query.Add(name + "=" + Uri.EscapeDataString(value)); break;
                case "header": headers.Add((name, value)); break;
            }
        }

        if (query.Count > 0) url.Append('?').Append(string.Join('&', query));
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url.ToString());
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        if (field is not null && (int)response.StatusCode == 400)
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("code"), $"{method} {path} {field}");
        return (int)response.StatusCode;
    }

    private static IEnumerable<string> StringFields(JsonNode node, string at)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                    if (child is not null) foreach (var f in StringFields(child, at + "." + key)) yield return f;
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (array[i] is { } child) foreach (var f in StringFields(child, $"{at}[{i}]")) yield return f;
                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                yield return at;
                break;
        }
    }

    private static void Replace(JsonNode root, string field)
    {
        var target = root;
        foreach (var step in field[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.'))
            target = step.StartsWith('[') ? target[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : target[step]!;
        target.ReplaceWith(JsonValue.Create(Nul));
    }

    /// <summary>Minimal values that look valid for a schema: ids, numbers, enum members, base64-ish strings.</summary>
    private sealed class Walk(JsonNode document, Guid vaultId)
    {
        public JsonNode? Sample(JsonNode? schema, int depth)
        {
            schema = Resolve(schema);
            if (schema is null || depth > 8) return null;
            if (schema["enum"] is JsonArray values && values.Count > 0) return values.FirstOrDefault(v => v is not null)?.DeepClone();
            foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
                if (schema[key] is JsonArray choices)
                    return choices.Select(c => Sample(c, depth + 1)).FirstOrDefault(v => v is not null);

            var types = Types(schema);
            if (types.Contains("object") || schema["properties"] is not null)
            {
                var result = new JsonObject();
                foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                    if (Sample(property, depth + 1) is { } value) result[name] = value;
                return result;
            }

            if (types.Contains("array")) return new JsonArray(Sample(schema["items"], depth + 1));
            if (types.Contains("integer") || types.Contains("number")) return JsonValue.Create(1);
            if (types.Contains("boolean")) return JsonValue.Create(false);
            if (types.Contains("string")) return JsonValue.Create(StringFor(null, schema));
            return null;
        }

        public bool IsString(JsonNode? schema)
        {
            schema = Resolve(schema);
            if (schema is null) return false;
            var types = Types(schema);
            return types.Contains("string") && !types.Contains("integer") && !types.Contains("number") && !types.Contains("boolean");
        }

        public string? ParameterValue(string name, JsonNode? schema)
        {
            schema = Resolve(schema);
            if (name.Equals("vaultId", StringComparison.OrdinalIgnoreCase)) return vaultId.ToString();
            if (schema is null) return null;
            if (schema["enum"] is JsonArray values && values.Count > 0) return values[0]?.ToString();
            var types = Types(schema);
            if (types.Contains("integer") || types.Contains("number")) return "1";
            if (types.Contains("boolean")) return "false";
            return StringFor(name, schema);
        }

        private static string StringFor(string? name, JsonNode schema) => schema["format"]?.GetValue<string>() switch
        {
            "uuid" => Guid.NewGuid().ToString(),
            "date-time" => DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
            _ when name is "X-Master-Key" => Convert.ToBase64String(new byte[32]),
            _ => TestVaults.Ciphertext(8),
        };

        private static HashSet<string> Types(JsonNode schema) => schema["type"] switch
        {
            JsonArray array => [.. array.Select(t => t!.GetValue<string>())],
            JsonValue value => [value.GetValue<string>()],
            _ => [],
        };

        private JsonNode? Resolve(JsonNode? schema)
        {
            for (var i = 0; i < 16 && schema?["$ref"] is JsonValue reference; i++)
            {
                var target = document;
                foreach (var step in reference.GetValue<string>().TrimStart('#', '/').Split('/')) target = target?[step];
                schema = target;
            }

            return schema;
        }
    }
}
