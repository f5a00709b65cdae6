namespace PasswordManager.Api.Common.Security;

/// <summary>Marks an endpoint that accepts an API key holding <see cref="Scope"/>. Without it, API keys are refused.</summary>
internal sealed record ApiKeyAccessMetadata(string Scope);

internal static class ApiKeyAccess
{
    /// <summary>
    /// Opts the endpoint in to API keys with <paramref name="scope"/> (user sessions keep working as before).
    /// Only read endpoints and the few tenant operations a scope names may do this; the exhaustive
    /// API-key test holds the reviewed list.
    /// </summary>
    internal static TBuilder AllowApiKey<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiKeyAccessMetadata(scope));
}
