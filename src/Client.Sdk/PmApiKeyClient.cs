using System.Net.Http.Headers;
using PasswordManager.Client.Sdk.Http;

namespace PasswordManager.Client.Sdk;

/// <summary>
/// A client for automation that authenticates with an API key (<c>X-Api-Key</c> + <c>X-Api-Secret</c>) instead of
/// a user session. The server lets it call only the endpoints its scopes open, all of them reads or tenant
/// operations; with the <c>export</c> scope, <see cref="ExportAsync"/> downloads the still-encrypted archive.
/// </summary>
public sealed class PmApiKeyClient : IDisposable
{
    public const string KeyHeader = "X-Api-Key";
    public const string SecretHeader = "X-Api-Secret";

    private readonly HttpClient http;
    private readonly ApiTransport transport;

    public PmApiKeyClient(PmClientOptions options, string apiKeyId, string apiKeySecret, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeySecret);
        http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        http.Timeout = options.RequestTimeout;
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("PasswordManager.Client.Sdk", typeof(PmApiKeyClient).Assembly.GetName().Version?.ToString(3)));
        http.DefaultRequestHeaders.Add(KeyHeader, apiKeyId.Trim());
        http.DefaultRequestHeaders.Add(SecretHeader, apiKeySecret.Trim());
        transport = new ApiTransport(http, options);
    }

    /// <summary>The export archive (NDJSON) of the key's owner as a stream; dispose the response when done.</summary>
    public Task<HttpResponseMessage> ExportAsync(CancellationToken cancellationToken = default) =>
        transport.SendStreamingAsync(HttpMethod.Get, "api/v1/export", content: null, accessToken: null, cancellationToken);

    public void Dispose() => http.Dispose();
}
