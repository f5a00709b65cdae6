using System.Text.Json;
using PasswordManager.Client.Sdk.Http;

namespace PasswordManager.Client.Cli.Terminal;

internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(SdkJson.Options) { WriteIndented = true };
}
