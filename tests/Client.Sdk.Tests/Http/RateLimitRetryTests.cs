using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;

namespace PasswordManager.Client.Sdk.Tests.Http;

/// <summary>A 429 with a short Retry-After is waited out and retried once, over a real HTTP listener (the header as it travels).</summary>
public sealed class RateLimitRetryTests
{
    private const string preloginBody = """{"kdf":{"memoryKiB":65536,"iterations":3,"parallelism":1},"kdfSalt":"AAECAwQFBgcICQoLDA0ODw=="}""";

    [Test]
    [CancelAfter(30_000)]
    public async Task ShortRetryAfterIsWaitedOutAndTheRequestSentOnceMore()
    {
        using var server = new RateLimitingServer(rateLimited: 1, retryAfter: "1");
        var waits = new List<TimeSpan>();
        using var client = server.CreateClient(waits.Add);
        var started = DateTimeOffset.UtcNow;

        var answer = await client.Auth.PreloginAsync(new PreloginRequest("alice"));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Kdf.Iterations, Is.EqualTo(3));
            Assert.That(server.Requests, Has.Count.EqualTo(2));
            Assert.That(waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(1) }));
            Assert.That(DateTimeOffset.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AnHttpDateRetryAfterCountsFromNow()
    {
        using var server = new RateLimitingServer(rateLimited: 1, retryAfter: DateTimeOffset.UtcNow.AddSeconds(2).ToString("R"));
        var waits = new List<TimeSpan>();
        using var client = server.CreateClient(waits.Add);

        await client.Auth.PreloginAsync(new PreloginRequest("alice"));

        Assert.That(waits, Has.Count.EqualTo(1));
        Assert.That(waits[0], Is.InRange(TimeSpan.Zero, TimeSpan.FromSeconds(2)));
    }

    [TestCase("31", 31)]
    [TestCase(null, null)]
    public void LongOrMissingRetryAfterFailsAtOnce(string? retryAfter, int? seconds)
    {
        using var server = new RateLimitingServer(rateLimited: 1, retryAfter);
        var waits = new List<TimeSpan>();
        using var client = server.CreateClient(waits.Add);

        var problem = Assert.ThrowsAsync<PmApiException>(() => client.Auth.PreloginAsync(new PreloginRequest("alice")));

        Assert.Multiple(() =>
        {
            Assert.That(problem!.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(problem.RetryAfter, Is.EqualTo(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value)));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(waits, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public void OnlyOneRetry()
    {
        using var server = new RateLimitingServer(rateLimited: 2, retryAfter: "1");
        var waits = new List<TimeSpan>();
        using var client = server.CreateClient(waits.Add);

        var problem = Assert.ThrowsAsync<PmApiException>(() => client.Auth.PreloginAsync(new PreloginRequest("alice")));

        Assert.That(problem!.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
        Assert.That(waits, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task TheRetriedRequestCarriesTheSameBody()
    {
        using var server = new RateLimitingServer(rateLimited: 1, retryAfter: "0");
        using var client = server.CreateClient(_ => { });

        await client.Auth.PreloginAsync(new PreloginRequest("alice"));

        Assert.That(server.Requests.Select(r => r.Body), Is.All.Contain("\"alice\""));
    }

    /// <summary>Answers the first <c>rateLimited</c> requests with 429 (and the given Retry-After), then prelogin.</summary>
    private sealed class RateLimitingServer : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Task loop;
        private int remaining;

        public RateLimitingServer(int rateLimited, string? retryAfter)
        {
            remaining = rateLimited;
            Address = new Uri($"http://127.0.0.1:{FreePort()}/");
            listener.Prefixes.Add(Address.ToString());
            listener.Start();
            loop = Task.Run(() => ServeAsync(retryAfter));
        }

        public Uri Address { get; }

        public ConcurrentQueue<(string Route, string Body)> Requests { get; } = new();

        public PmClient CreateClient(Action<TimeSpan> rateLimited) =>
            new(new PmClientOptions { BaseAddress = Address, RateLimited = rateLimited }, new InMemoryTokenStore());

        public void Dispose()
        {
            listener.Close();
            loop.Wait(TimeSpan.FromSeconds(5));
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        private async Task ServeAsync(string? retryAfter)
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                    Requests.Enqueue(($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}", await reader.ReadToEndAsync()));
                var limited = Interlocked.Decrement(ref remaining) >= 0;
                context.Response.StatusCode = limited ? 429 : 200;
                context.Response.ContentType = limited ? "application/problem+json" : "application/json";
                if (limited && retryAfter is not null) context.Response.AddHeader("Retry-After", retryAfter);
                var body = Encoding.UTF8.GetBytes(limited
                    ? """{"title":"Too many requests.","status":429,"code":"request.rate_limited"}"""
                    : preloginBody);
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }
    }
}
