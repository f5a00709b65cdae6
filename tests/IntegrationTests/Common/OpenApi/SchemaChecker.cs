using System.Globalization;
using System.Text.Json;

namespace PasswordManager.IntegrationTests.Common.OpenApi;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI 3.1 document: <c>$ref</c> into the document, <c>type</c> (one or
/// several), <c>enum</c>, <c>required</c>, <c>properties</c>, <c>additionalProperties</c>, <c>items</c>,
/// <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c> and the formats the API uses. Stricter than JSON Schema in one way: an object
/// property the schema does not declare is an error, so undocumented fields are found too.
/// </summary>
internal sealed class SchemaChecker(JsonElement document)
{
    public void Check(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, at, errors);
            return;
        }

        if (schema.TryGetProperty("allOf", out var allOf))
            foreach (var part in allOf.EnumerateArray()) Check(part, value, at, errors);
        if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Count(s => Matches(s, value)) != 1)
            errors.Add($"{at}: matches not exactly one of the oneOf schemas: {value.GetRawText()}");
        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Matches(s, value)))
            errors.Add($"{at}: matches none of the anyOf schemas: {value.GetRawText()}");

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{at}: {Describe(value)} where the document says {type.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetRawText() == value.GetRawText()))
            errors.Add($"{at}: {value.GetRawText()} is not one of {allowed.GetRawText()}");

        switch (value.ValueKind)
        {
            case JsonValueKind.String when schema.TryGetProperty("format", out var format):
                if (!FormatMatches(format.GetString()!, value.GetString()!))
                    errors.Add($"{at}: \"{value.GetString()}\" is not a valid {format.GetString()}");
                break;
            case JsonValueKind.Number when schema.TryGetProperty("format", out var numberFormat):
                if (numberFormat.GetString() == "int32" && !value.TryGetInt32(out _) || numberFormat.GetString() == "int64" && !value.TryGetInt64(out _))
                    errors.Add($"{at}: {value.GetRawText()} is not an {numberFormat.GetString()}");
                break;
            case JsonValueKind.Object:
                CheckObject(schema, value, at, errors);
                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out var items):
                var index = 0;
                foreach (var item in value.EnumerateArray()) Check(items, item, $"{at}[{index++}]", errors);
                break;
        }
    }

    public JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new InvalidOperationException($"Only local references are supported: {reference}");
        var node = document;
        foreach (var segment in reference[2..].Split('/'))
            node = node.GetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return node;
    }

    private void CheckObject(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!value.TryGetProperty(name, out _)) errors.Add($"{at}: required property '{name}' is missing");

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in value.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
                Check(propertySchema, property.Value, $"{at}.{property.Name}", errors);
            else if (hasAdditional)
                Check(additional, property.Value, $"{at}.{property.Name}", errors);
            else if (hasProperties)
                errors.Add($"{at}: property '{property.Name}' is not in the document");
        }
    }

    private bool Matches(JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(schema, value, "", errors);
        return errors.Count == 0;
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => TypeMatches(t.GetString()!, value))
        : TypeMatches(type.GetString()!, value);

    private static bool TypeMatches(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
        _ => throw new InvalidOperationException($"Unknown JSON schema type '{type}'."),
    };

    private static bool FormatMatches(string format, string text) => format switch
    {
        "uuid" => Guid.TryParse(text, out _),
        "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "byte" => Convert.TryFromBase64String(text, new byte[text.Length], out _),
        _ => true,
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"string \"{value.GetString()}\"",
        JsonValueKind.Object or JsonValueKind.Array => value.ValueKind.ToString().ToLowerInvariant(),
        _ => value.GetRawText(),
    };
}
