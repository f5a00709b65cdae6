using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace PasswordManager.Client.Sdk.Http;

/// <summary>
/// One HTTP exchange: JSON in, JSON out, ProblemDetails to <see cref="PmApiException"/>. A 429 with a short
/// <c>Retry-After</c> is waited out and the request sent once more (not a streamed request body: it cannot be sent twice).
/// </summary>
internal sealed class ApiTransport(HttpClient http, PmClientOptions options)
{
    public async Task<T> SendAsync<T>(
        HttpMethod method, string path, object? body, string? accessToken, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null)
    {
        using var response = await SendCoreAsync(method, path, body, accessToken, configure, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(SdkJson.Options, cancellationToken)
            ?? throw new PmApiException(response.StatusCode, "response.empty", $"The server sent an empty answer to {method} {path}.");
    }

    public async Task SendAsync(
        HttpMethod method, string path, object? body, string? accessToken, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null)
    {
        using var response = await SendCoreAsync(method, path, body, accessToken, configure, cancellationToken);
    }

    /// <summary>A response whose body the caller streams (and disposes); the headers are read, the body is not.</summary>
    public Task<HttpResponseMessage> SendStreamingAsync(
        HttpMethod method, string path, HttpContent? content, string? accessToken, CancellationToken cancellationToken,
        Action<HttpRequestMessage>? configure = null) =>
        SendCoreAsync(method, path, content, accessToken, cancellationToken, configure);

    /// <summary>A GET of an absolute URL outside the API (a presigned blob-store URL): no access token goes with it.</summary>
    public async Task<HttpResponseMessage> GetExternalAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw new PmApiException(response.StatusCode, "blob.download_failed", $"The blob store answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(
        HttpMethod method, string path, object? body, string? accessToken, Action<HttpRequestMessage>? configure, CancellationToken cancellationToken) =>
        SendCoreAsync(
            method, path, () => body is null ? null : JsonContent.Create(body, body.GetType(), options: SdkJson.Options), repeatable: true, accessToken, cancellationToken,
            configure);

    private Task<HttpResponseMessage> SendCoreAsync(
        HttpMethod method, string path, HttpContent? content, string? accessToken, CancellationToken cancellationToken,
        Action<HttpRequestMessage>? configure = null) =>
        SendCoreAsync(method, path, () => content, repeatable: content is null, accessToken, cancellationToken, configure);

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpMethod method, string path, Func<HttpContent?> content, bool repeatable, string? accessToken, CancellationToken cancellationToken,
        Action<HttpRequestMessage>? configure = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path.TrimStart('/'));
            request.Content = content();
            if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            configure?.Invoke(request);

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode) return response;

            PmApiException problem;
            using (response)
            {
                problem = await ProblemReader.ReadAsync(response, options.Clock, cancellationToken);
            }

            if (!repeatable || attempt > 1 || problem.Status != HttpStatusCode.TooManyRequests
                || problem.RetryAfter is not { } wait || wait > options.MaxRateLimitWait)
                throw problem;
            options.RateLimited?.Invoke(wait);
            await Task.Delay(wait, options.Clock, cancellationToken);
        }
    }
}
