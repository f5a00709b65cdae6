using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>
/// A TCP relay in front of the server that counts what crosses it: bytes each way and the HTTP/1.1 request lines
/// (method and path), so a test can show how much a pm command transferred.
/// </summary>
internal sealed partial class CountingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private long bytesToClient;
    private long bytesToServer;

    public CountingProxy(Uri target)
    {
        this.target = target;
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri Address { get; }

    public long BytesToClient => Interlocked.Read(ref bytesToClient);

    public long BytesToServer => Interlocked.Read(ref bytesToServer);

    public ConcurrentQueue<string> Requests { get; private set; } = new();

    public void Reset()
    {
        Interlocked.Exchange(ref bytesToClient, 0);
        Interlocked.Exchange(ref bytesToServer, 0);
        Requests = new ConcurrentQueue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(target.Host, target.Port, stop.Token);
                var toServer = PumpAsync(client.GetStream(), server.GetStream(), count => Interlocked.Add(ref bytesToServer, count), recordRequests: true);
                var toClient = PumpAsync(server.GetStream(), client.GetStream(), count => Interlocked.Add(ref bytesToClient, count), recordRequests: false);
                await Task.WhenAny(toServer, toClient);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // A closed connection ends the relay.
            }
        }
    }

    private async Task PumpAsync(Stream from, Stream to, Action<int> count, bool recordRequests)
    {
        var buffer = new byte[64 * 1024];
        var pending = "";
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, stop.Token);
                if (read == 0) return;
                count(read);
                if (recordRequests)
                {
                    var text = pending + Encoding.Latin1.GetString(buffer, 0, read);
                    var end = 0;
                    foreach (Match line in RequestLine().Matches(text))
                    {
                        Requests.Enqueue($"{line.Groups[1].Value} {line.Groups[2].Value}");
                        end = line.Index + line.Length;
                    }

                    pending = text[end..];
                    if (pending.Length > 8192) pending = pending[^8192..];
                }

                await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }

    [GeneratedRegex(@"(GET|POST|PUT|DELETE|PATCH) (\S+) HTTP/1\.1\r\n")]
    private static partial Regex RequestLine();
}
