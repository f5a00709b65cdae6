namespace PasswordManager.Api.Vault.Entries;

/// <summary>An entry's version as a strong ETag (<c>"3"</c>), for clients that prefer If-Match.</summary>
internal static class EntryETag
{
    public static string Of(long version) => $"\"{version}\"";

    public static long? Parse(string? ifMatch) =>
        ifMatch is { Length: > 2 } value && value[0] == '"' && value[^1] == '"' && long.TryParse(value.AsSpan(1, value.Length - 2), out var version)
            ? version
            : null;
}
