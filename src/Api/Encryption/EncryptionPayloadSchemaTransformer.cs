using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PasswordManager.Application.Encryption.Operations;

namespace PasswordManager.Api.Encryption;

/// <summary>
/// The encrypt hot path reads <c>data</c> into a <see cref="Plaintext"/> and writes <c>cipherText</c> from bytes
/// (ADR-0035), but on the wire both stay plain base64 strings: the schemas say <c>"type": "string"</c> as before,
/// without a <c>Plaintext</c> component and without <c>"format": "byte"</c>.
/// </summary>
internal sealed class EncryptionPayloadSchemaTransformer : IOpenApiSchemaTransformer
{
    public static string? ReferenceId(System.Text.Json.Serialization.Metadata.JsonTypeInfo type) =>
        type.Type == typeof(Plaintext) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(type);

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(Plaintext))
        {
            schema.Type = JsonSchemaType.String | (schema.Type & JsonSchemaType.Null);
            schema.Properties = null;
            schema.Required = null;
            schema.Description = null;
        }
        else if (context.JsonPropertyInfo is { Name: "cipherText" } property && property.DeclaringType == typeof(CipherItem))
        {
            schema.Format = null;
        }

        return Task.CompletedTask;
    }
}
