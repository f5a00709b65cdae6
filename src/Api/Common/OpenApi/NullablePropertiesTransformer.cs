using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PasswordManager.Api.Common.OpenApi;

/// <summary>
/// The serializer leaves null properties out (<c>JsonIgnoreCondition.WhenWritingNull</c>), and a request may leave
/// them out too, so a property whose type is nullable is never required.
/// </summary>
internal sealed class NullablePropertiesTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Required is not { Count: > 0 }) return Task.CompletedTask;

        var nullability = new NullabilityInfoContext();
        foreach (var property in context.JsonTypeInfo.Properties)
            if (IsNullable(property, nullability)) schema.Required.Remove(property.Name);
        return Task.CompletedTask;
    }

    private static bool IsNullable(JsonPropertyInfo property, NullabilityInfoContext nullability)
    {
        if (Nullable.GetUnderlyingType(property.PropertyType) is not null) return true;
        if (property.PropertyType.IsValueType) return false;
        return property.AttributeProvider switch
        {
            PropertyInfo p => nullability.Create(p).ReadState != NullabilityState.NotNull,
            FieldInfo f => nullability.Create(f).ReadState != NullabilityState.NotNull,
            _ => true,
        };
    }
}
