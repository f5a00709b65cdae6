using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Http;

namespace PasswordManager.Client.Sdk.Auth;

/// <summary>Managing the caller's API keys. The server accepts these calls from a user session only, never from an API key.</summary>
public sealed class ApiKeysApi
{
    private const string basePath = "api/v1/auth/api-keys";

    private readonly ApiConnection connection;

    internal ApiKeysApi(ApiConnection connection)
    {
        this.connection = connection;
    }

    public Task<CreatedApiKey> CreateAsync(CreateApiKeyRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<CreatedApiKey>(HttpMethod.Post, basePath, request, cancellationToken);

    public Task<ApiKeyList> ListAsync(CancellationToken cancellationToken = default) =>
        connection.SendAuthorizedAsync<ApiKeyList>(HttpMethod.Get, basePath, body: null, cancellationToken);

    public Task RevokeAsync(string apiKeyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeyId);
        return connection.SendAuthorizedAsync(HttpMethod.Delete, $"{basePath}/{Uri.EscapeDataString(apiKeyId)}", body: null, cancellationToken);
    }
}
