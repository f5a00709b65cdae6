using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PasswordManager.Api.Common.OpenApi;

/// <summary>
/// Enums travel as camelCase strings (<c>JsonStringEnumConverter</c>), but their generated schemas list the values
/// without a type, and client generators then read them as numbers. Says <c>"type": "string"</c>.
/// </summary>
internal sealed class StringEnumTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is null && schema.Enum is { Count: > 0 } values
            && values.All(v => v is null || v.GetValueKind() is JsonValueKind.String or JsonValueKind.Null))
        {
            schema.Type = values.Any(v => v is null || v.GetValueKind() == JsonValueKind.Null)
                ? JsonSchemaType.String | JsonSchemaType.Null
                : JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }
}
