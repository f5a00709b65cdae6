using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasswordManager.Client.Sdk.Http;

/// <summary>The API's JSON conventions: camelCase names, camelCase enum strings, byte[] as standard base64, nulls omitted.</summary>
public static class SdkJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
