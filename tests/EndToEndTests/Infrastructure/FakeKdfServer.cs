using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>A malicious server: prelogin answers the given KDF parameters; every other route is recorded and fails.</summary>
internal sealed class FakeKdfServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string preloginBody;
    private readonly Task loop;

    public FakeKdfServer(int memoryKiB, int iterations)
    {
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
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
