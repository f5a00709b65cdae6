using System.Net;
using System.Net.Http.Json;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Http;

/// <summary>Anonymous calls, and authorized calls that refresh the access token once on a 401 and retry.</summary>
internal sealed class ApiConnection(ApiTransport transport, SessionTokenManager tokens)
{
    public Task<T> SendAnonymousAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        transport.SendAsync<T>(method, path, body, accessToken: null, cancellationToken);

    public Task SendAnonymousAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        transport.SendAsync(method, path, body, accessToken: null, cancellationToken);

    public Task<T> SendAuthorizedAsync<T>(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null) =>
        WithAccessTokenAsync(token => transport.SendAsync<T>(method, path, body, token, cancellationToken, configure), cancellationToken);

    public Task SendAuthorizedAsync(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null) =>
        WithAccessTokenAsync(
            async token =>
            {
                await transport.SendAsync(method, path, body, token, cancellationToken, configure);
                return true;
            },
            cancellationToken);

    public Task SendWithTokenAsync(HttpMethod method, string path, string accessToken, CancellationToken cancellationToken) =>
        transport.SendAsync(method, path, body: null, accessToken, cancellationToken);

    /// <summary>A streamed response (export). Retried once after a 401, so only for requests without a body.</summary>
    public Task<HttpResponseMessage> SendAuthorizedStreamingAsync(
        HttpMethod method, string path, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null) =>
        WithAccessTokenAsync(token => transport.SendStreamingAsync(method, path, content: null, token, cancellationToken, configure), cancellationToken);

    public Task<HttpResponseMessage> GetExternalAsync(Uri url, CancellationToken cancellationToken) => transport.GetExternalAsync(url, cancellationToken);

    /// <summary>A streamed request body (import): sent once, with a token refreshed beforehand when close to expiry.</summary>
    public async Task<T> SendAuthorizedContentAsync<T>(
        HttpMethod method, string path, HttpContent content, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        using var response = await transport.SendStreamingAsync(method, path, content, token, cancellationToken, configure);
        return await response.Content.ReadFromJsonAsync<T>(SdkJson.Options, cancellationToken)
            ?? throw new PmApiException(response.StatusCode, "response.empty", $"The server sent an empty answer to {method} {path}.");
    }

    private async Task<T> WithAccessTokenAsync<T>(Func<string, Task<T>> send, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        try
        {
            return await send(token);
        }
        catch (PmApiException problem) when (problem.Status == HttpStatusCode.Unauthorized && problem.Code == ProblemCodes.SessionRevoked)
        {
            await tokens.ForgetAsync(CancellationToken.None);
            throw;
        }
        catch (PmApiException problem) when (problem.Status == HttpStatusCode.Unauthorized)
        {
            token = await tokens.RefreshAsync(token, cancellationToken);
            return await send(token);
        }
    }
}
