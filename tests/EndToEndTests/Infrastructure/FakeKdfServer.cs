using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>
/// A malicious server: prelogin answers the given KDF parameters; every other route is recorded and fails. The first
/// <c>rateLimited</c> requests get 429 instead, with <c>retryAfter</c> as their Retry-After header when given.
/// </summary>
internal sealed class FakeKdfServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string preloginBody;
    private readonly Task loop;
    private readonly string? retryAfter;
    private int rateLimited;

    public FakeKdfServer(int memoryKiB, int iterations, int rateLimited = 0, string? retryAfter = null)
    {
        this.rateLimited = rateLimited;
        this.retryAfter = retryAfter;
        Address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        preloginBody = $$"""{"kdf":{"memoryKiB":{{memoryKiB}},"iterations":{{iterations}},"parallelism":1},"kdfSalt":"AAECAwQFBgcICQoLDA0ODw=="}""";
        listener.Prefixes.Add(Address.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose()
    {
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
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

            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue($"{context.Request.HttpMethod} {path}");
            var isPrelogin = path == "/api/v1/auth/prelogin";
            context.Response.StatusCode = isPrelogin ? 200 : 500;
            context.Response.ContentType = "application/json";
            var body = Encoding.UTF8.GetBytes(isPrelogin ? preloginBody : """{"title":"unexpected","code":"fake.unexpected"}""");
            if (Interlocked.Decrement(ref rateLimited) >= 0)
            {
                context.Response.StatusCode = 429;
                if (retryAfter is not null) context.Response.AddHeader("Retry-After", retryAfter);
                body = Encoding.UTF8.GetBytes("""{"title":"Too many requests.","status":429,"code":"request.rate_limited"}""");
            }

            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
