using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using PasswordManager.Client.Sdk.Http;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Tests.Support;

/// <summary>An in-process fake API: one handler per "METHOD path", every request recorded.</summary>
internal sealed class StubServer : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, Task<HttpResponseMessage>>> routes = new();

    public ConcurrentQueue<(string Route, string? Bearer)> Requests { get; } = new();

    public int Count(string route) => Requests.Count(r => r.Route == route);

    public void On(string route, Func<HttpRequestMessage, Task<HttpResponseMessage>> handler) => routes[route] = handler;

    public void OnJson(string route, object body) => On(route, _ => Task.FromResult(Json(HttpStatusCode.OK, body)));

    /// <summary>Answers requests no exact route matches (paths with ids chosen at run time); default: 404.</summary>
    public Func<HttpRequestMessage, Task<HttpResponseMessage>>? OnUnknown { get; set; }

    public PmClient CreateClient(ITokenStore store, TimeProvider? clock = null) =>
        new(new PmClientOptions { BaseAddress = new Uri("http://pm.test"), Clock = clock ?? TimeProvider.System }, store, this);

    public static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = JsonContent.Create(body, body.GetType(), options: SdkJson.Options) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string code, string title, object? errors = null) =>
        new(status)
        {
            Content = JsonContent.Create(
                new { type = "about:blank", title, status = (int)status, code, errors, traceId = "trace-1" },
                mediaType: new("application/problem+json")),
        };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = $"{request.Method} {request.RequestUri!.AbsolutePath}";
        Requests.Enqueue((route, request.Headers.Authorization?.Parameter));
        return routes.TryGetValue(route, out var handler)
            ? await handler(request).WaitAsync(cancellationToken)
            : OnUnknown is { } fallback
                ? await fallback(request).WaitAsync(cancellationToken)
                : Problem(HttpStatusCode.NotFound, "request.not_found", $"No stub for {route}.");
    }
}
