using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

// Mixed-load driver for one server or several replicas behind a balancer (issue 16), run by bench/cluster/load.sh and
// the fault scripts in bench/faults/. Plain HTTP with random bytes in the v1 envelope formats, like bench/Vault.Load:
// the server checks format only, and client crypto is measured elsewhere.
//   Cluster.Load <baseUrl> [--clients 200] [--seconds 60] [--max-requests 5000000] [--ca ca.crt] [--pids "1 2"]
//                [--label text] [--acks acks.csv] [--timeline timeline.csv] [--entries-bytes 1024] [--ready file]
// --ready names a file written (unix ms) when the set-up is done and the measured load begins.
// Each client is one account with one shared vault of 10 entries it alone writes. The mix per request: delta sync
// 70 %, entry write 20 %, login 5 %, grant or fetch 5 %. A write is acknowledged when the server answers 2xx; every
// acknowledgement goes to --acks (entryId,version) for the caller to compare with the database. Bounded by
// --seconds and --max-requests; loopback only (the URL must name 127.0.0.1 or localhost).
// Like real users, each client has an address of its own (127.0.0.2, 127.0.0.3, … — all of 127/8 is loopback on Linux)
// and one device it logs in again from, so per-address limits and device sessions see what a deployment sees; the
// balancer passes the address on in X-Forwarded-For and the replicas trust it from 127.0.0.1 only.
var options = Options.Parse(args);
if (!options.BaseUrl.IsLoopback) throw new ArgumentException("Cluster.Load drives loopback servers only.");

var certificateCheck = TrustedBy(options.CaFile);
var connections = Enumerable.Range(0, options.Clients).Select(i => ClientConnection.Create(options.BaseUrl, i, certificateCheck)).ToArray();

Console.Error.WriteLine($"setting up {options.Clients} accounts on {options.BaseUrl}");
var setupWatch = Stopwatch.StartNew();
var clients = new LoadClient[options.Clients];
using (var setupGate = new SemaphoreSlim(8))
{
    await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async i =>
    {
        await setupGate.WaitAsync();
        try
        {
            clients[i] = await LoadClient.CreateAsync(connections[i].Http, options.EntryBytes);
        }
        finally
        {
            setupGate.Release();
        }
    }));
}

var directory = clients.Select(c => c.UserId).ToArray();
Console.Error.WriteLine(FormattableString.Invariant($"set up in {setupWatch.Elapsed.TotalSeconds:0.0} s; running {options.Seconds} s"));

var recorder = new Recorder();
var cpuBefore = options.Pids.ToDictionary(p => p, ProcessStats.CpuTicks);
var peakRss = options.Pids.ToDictionary(p => p, _ => 0L);
var lastCpu = new Dictionary<int, long>(cpuBefore);
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
var sampler = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        foreach (var pid in options.Pids)
        {
            peakRss[pid] = Math.Max(peakRss[pid], ProcessStats.RssBytes(pid));
            lastCpu[pid] = Math.Max(lastCpu[pid], ProcessStats.CpuTicks(pid));
        }

        try
        {
            await Task.Delay(500, stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
    }
});
var started = Stopwatch.StartNew();
if (options.ReadyFile is not null) await File.WriteAllTextAsync(options.ReadyFile, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
var requests = 0L;
await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
{
    while (!stop.IsCancellationRequested && Interlocked.Increment(ref requests) <= options.MaxRequests)
        await client.OneRequestAsync(connections[i].Http, recorder, directory, stop.Token);
})));
foreach (var connection in connections) connection.Dispose();
var elapsed = started.Elapsed;
await sampler;
// A replica killed during the run keeps the CPU time it had used when last seen.
var cpuSeconds = options.Pids.ToDictionary(p => p, p => (Math.Max(lastCpu[p], ProcessStats.CpuTicks(p)) - cpuBefore[p]) / (double)ProcessStats.TicksPerSecond);

if (options.AcksFile is not null)
    await File.WriteAllLinesAsync(options.AcksFile, clients.SelectMany(c => c.Acknowledged).Select(a => FormattableString.Invariant($"{a.EntryId},{a.Version}")));
if (options.TimelineFile is not null) await File.WriteAllLinesAsync(options.TimelineFile, recorder.Timeline());

var report = new StringBuilder();
report.AppendLine(FormattableString.Invariant($"### {options.Label}: {options.Clients} clients, {elapsed.TotalSeconds:0.0} s"));
report.AppendLine();
report.AppendLine("| operation | requests | errors | p50 ms | p95 ms | p99 ms | slowest error ms |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (operation, latencies, errors, slowestError) in recorder.PerOperation())
{
    report.AppendLine(FormattableString.Invariant(
        $"| {operation} | {latencies.Count + errors} | {errors} | {Percentile(latencies, 0.50):0.0} | {Percentile(latencies, 0.95):0.0} | {Percentile(latencies, 0.99):0.0} | {(errors == 0 ? "–" : slowestError.ToString("0", CultureInfo.InvariantCulture))} |"));
}

var total = recorder.Total;
report.AppendLine();
report.AppendLine(FormattableString.Invariant($"- throughput: {total.Succeeded / elapsed.TotalSeconds:0} successful requests/s ({total.Succeeded} of {total.Sent})"));
report.AppendLine(FormattableString.Invariant(
    $"- outcomes: {total.Succeeded} success, {total.Unavailable} 503 with Retry-After, {total.StorageFull} 507 storage full, {total.OtherHttp} other HTTP errors {recorder.OtherStatuses()}, {total.Transport} transport errors/timeouts"));
report.AppendLine($"- failures by operation, status and problem code: {recorder.Reasons()}");
report.AppendLine(FormattableString.Invariant($"- acknowledged writes: {clients.Sum(c => c.Acknowledged.Count)}"));
if (recorder.FirstFailure is { } first)
{
    report.AppendLine(FormattableString.Invariant(
        $"- failures between {DateTimeOffset.FromUnixTimeMilliseconds(first):HH:mm:ss.fff} and {DateTimeOffset.FromUnixTimeMilliseconds(recorder.LastFailure!.Value):HH:mm:ss.fff} UTC (unix ms {first} .. {recorder.LastFailure})"));
}

foreach (var pid in options.Pids)
{
    report.AppendLine(FormattableString.Invariant(
        $"- server pid {pid}: CPU {cpuSeconds[pid]:0.0} s = {cpuSeconds[pid] / elapsed.TotalSeconds * 100:0} % of one core, peak RSS {peakRss[pid] / 1024.0 / 1024.0:0} MiB"));
}

Console.Write(report.ToString());
return total.OtherHttp + total.Transport == 0 ? 0 : 1;

static double Percentile(List<double> values, double p)
{
    if (values.Count == 0) return double.NaN;
    values.Sort();
    return values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
}

static RemoteCertificateValidationCallback TrustedBy(string? caFile)
{
    if (caFile is null) return (_, _, _, errors) => errors == SslPolicyErrors.None;
    var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
    return (_, certificate, _, errors) =>
    {
        if (certificate is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // The name was checked by TLS already unless it is the only error; the chain is what the custom root decides.
        return (errors & ~(SslPolicyErrors.RemoteCertificateChainErrors)) == SslPolicyErrors.None
            && chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    };
}

internal sealed record Options(
    Uri BaseUrl, int Clients, int Seconds, long MaxRequests, string? CaFile, int[] Pids, string Label, string? AcksFile, string? TimelineFile, int EntryBytes,
    string? ReadyFile)
{
    public static Options Parse(string[] args)
    {
        var named = new Dictionary<string, string>();
        for (var i = 1; i + 1 < args.Length; i += 2) named[args[i]] = args[i + 1];
        string? Get(string name) => named.GetValueOrDefault(name);
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(
            new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:8080"),
            Int("--clients", 200),
            Math.Clamp(Int("--seconds", 60), 1, 600),
            Get("--max-requests") is { } max ? long.Parse(max, CultureInfo.InvariantCulture) : 5_000_000,
            Get("--ca"),
            (Get("--pids") ?? "").Split(' ', ',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray(),
            Get("--label") ?? "load",
            Get("--acks"),
            Get("--timeline"),
            Int("--entries-bytes", 1024),
            Get("--ready"));
    }
}

internal enum Outcome { Success, Unavailable, OtherHttp, Transport, StorageFull }

internal sealed class Recorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> latencies = new();
    private readonly ConcurrentDictionary<string, int> errors = new();
    private readonly ConcurrentDictionary<string, double> slowestError = new();
    private readonly ConcurrentDictionary<int, int> otherStatuses = new();
    private readonly ConcurrentDictionary<string, int> reasons = new();
    private readonly ConcurrentDictionary<long, int[]> perSecond = new();
    private long firstFailure = long.MaxValue;
    private long lastFailure = long.MinValue;
    private long sent;
    private long succeeded;
    private long unavailable;
    private long otherHttp;
    private long transport;
    private long storageFull;

    public long? FirstFailure => Interlocked.Read(ref firstFailure) == long.MaxValue ? null : firstFailure;

    public long? LastFailure => Interlocked.Read(ref lastFailure) == long.MinValue ? null : lastFailure;

    public (long Sent, long Succeeded, long Unavailable, long OtherHttp, long Transport, long StorageFull) Total =>
        (sent, succeeded, unavailable, otherHttp, transport, storageFull);

    public void Record(string operation, Outcome outcome, double milliseconds, int status)
    {
        Interlocked.Increment(ref sent);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Interlocked.Increment(ref perSecond.GetOrAdd(now / 1000, _ => new int[5])[(int)outcome]);
        switch (outcome)
        {
            case Outcome.Success:
                Interlocked.Increment(ref succeeded);
                latencies.GetOrAdd(operation, _ => []).Add(milliseconds);
                return;
            case Outcome.Unavailable:
                Interlocked.Increment(ref unavailable);
                break;
            case Outcome.StorageFull:
                Interlocked.Increment(ref storageFull);
                break;
            case Outcome.OtherHttp:
                Interlocked.Increment(ref otherHttp);
                otherStatuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                break;
            default:
                Interlocked.Increment(ref transport);
                break;
        }

        errors.AddOrUpdate(operation, 1, (_, n) => n + 1);
        slowestError.AddOrUpdate(operation, milliseconds, (_, m) => Math.Max(m, milliseconds));
        InterlockedMin(ref firstFailure, now);
        InterlockedMax(ref lastFailure, now);
    }

    /// <summary>Why requests failed: operation, status and the ProblemDetails code (the balancer's own 503 has none).</summary>
    public void Reason(string operation, int status, string? code) =>
        reasons.AddOrUpdate($"{operation} {status} {code ?? "(no code)"}", 1, (_, n) => n + 1);

    public string Reasons() =>
        reasons.IsEmpty ? "none" : string.Join("; ", reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key}: {r.Value}"));

    public IEnumerable<(string Operation, List<double> Latencies, int Errors, double SlowestError)> PerOperation() =>
        latencies.Keys.Union(errors.Keys).Order(StringComparer.Ordinal)
            .Select(op => (op, latencies.TryGetValue(op, out var l) ? l.ToList() : [], errors.GetValueOrDefault(op), slowestError.GetValueOrDefault(op)));

    public string OtherStatuses() =>
        otherStatuses.IsEmpty ? "" : "(" + string.Join(", ", otherStatuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")) + ")";

    /// <summary>unix second, successes, 503 with Retry-After, other HTTP errors, transport errors, 507.</summary>
    public IEnumerable<string> Timeline() =>
        perSecond.OrderBy(s => s.Key).Select(s => string.Join(',', new[] { s.Key }.Concat(s.Value.Select(v => (long)v))));

    private static void InterlockedMin(ref long target, long value)
    {
        long seen;
        while (value < (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}

internal sealed class LoadClient
{
    private const int EntriesPerClient = 10;
    private readonly string username;
    private readonly string authHash;
    private readonly Guid vaultId;
    private readonly Guid[] entryIds;
    private readonly long?[] versions;
    private readonly int entryBytes;
    private readonly Guid deviceId = Guid.NewGuid();
    private string accessToken = "";
    private string? cursor;
    private int nextRecipient;

    private LoadClient(Guid userId, string username, string authHash, Guid vaultId, Guid[] entryIds, int entryBytes)
    {
        (UserId, this.username, this.authHash, this.vaultId, this.entryIds, this.entryBytes) = (userId, username, authHash, vaultId, entryIds, entryBytes);
        versions = entryIds.Select(_ => (long?)1).ToArray();
        nextRecipient = RandomNumberGenerator.GetInt32(1_000_000);
    }

    public Guid UserId { get; }

    public List<(Guid EntryId, long Version)> Acknowledged { get; } = [];

    public static async Task<LoadClient> CreateAsync(HttpClient http, int entryBytes)
    {
        var userId = Guid.NewGuid();
        var authHash = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var bundle = new byte[145];
        bundle[0] = 1;
        userId.TryWriteBytes(bundle.AsSpan(1, 16), bigEndian: true, out _);
        RandomNumberGenerator.Fill(bundle.AsSpan(17));
        var username = "load-" + userId.ToString("N")[..12];
        using (var register = await RetryingAsync(() => http.PostAsJsonAsync("/api/v1/auth/register", new
        {
            userId,
            username,
            authHash,
            kdf = new { memoryKiB = 65536, iterations = 3, parallelism = 1 },
            kdfSalt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
            encryptedUserKey = Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(72)]),
            encryptedPrivateKeys = Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(104)]),
            publicKeyBundle = Convert.ToBase64String(bundle),
        })))
            await EnsureAsync(register);

        var vaultId = Guid.NewGuid();
        var entryIds = Enumerable.Range(0, EntriesPerClient).Select(_ => Guid.NewGuid()).ToArray();
        var client = new LoadClient(userId, username, authHash, vaultId, entryIds, entryBytes);
        await client.LoginAsync(http, CancellationToken.None);
        using (var vault = await RetryingAsync(() => client.SendAsync(http, HttpMethod.Post, "/api/v1/vaults", new
        {
            vaultId,
            kind = "shared",
            wrappedKey = Convert.ToBase64String([0x01, 0x02, .. RandomNumberGenerator.GetBytes(104)]),
            granterSignature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
        }, CancellationToken.None)))
            await EnsureAsync(vault);
        using (var batch = await RetryingAsync(() => client.SendAsync(http, HttpMethod.Post, $"/api/v1/vaults/{vaultId}/entries/batch", new
        {
            // Seeded small (inline) whatever --entries-bytes says, so a full blob store shows up in the run, not the set-up.
            writes = entryIds.Select(id => new { entryId = id, keyEpoch = 1, ciphertext = Ciphertext(1024) }).ToArray(),
        }, CancellationToken.None)))
            await EnsureAsync(batch);
        client.cursor = await client.DrainAsync(http);
        return client;
    }

    public async Task OneRequestAsync(HttpClient http, Recorder recorder, Guid[] directory, CancellationToken stop)
    {
        var dice = Random.Shared.Next(100);
        var (operation, work) = dice switch
        {
            < 70 => ("delta sync", (Func<Task<HttpResponseMessage>>)(() => SyncAsync(http, stop))),
            < 90 => ("entry write", () => WriteAsync(http, stop)),
            < 95 => ("login", () => LoginRequestAsync(http, stop)),
            < 98 => ("grant", () => GrantAsync(http, directory, stop)),
            _ => ("fetch", () => FetchAsync(http, stop)),
        };
        var watch = Stopwatch.StartNew();
        HttpResponseMessage? response = null;
        try
        {
            response = await work();
            watch.Stop();
            if (response.IsSuccessStatusCode)
            {
                recorder.Record(operation, Outcome.Success, watch.Elapsed.TotalMilliseconds, (int)response.StatusCode);
                return;
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            var unavailable = response.StatusCode == HttpStatusCode.ServiceUnavailable && retryAfter is not null;
            var outcome = unavailable ? Outcome.Unavailable
                : response.StatusCode == HttpStatusCode.InsufficientStorage ? Outcome.StorageFull
                : Outcome.OtherHttp;
            recorder.Record(operation, outcome, watch.Elapsed.TotalMilliseconds, (int)response.StatusCode);
            recorder.Reason(operation, (int)response.StatusCode, await ProblemCodeAsync(response, stop));
            if (unavailable) await PauseAsync(TimeSpan.FromSeconds(Math.Min(retryAfter!.Value.TotalSeconds, 1)), stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            recorder.Record(operation, Outcome.Transport, watch.Elapsed.TotalMilliseconds, 0);
            await PauseAsync(TimeSpan.FromMilliseconds(200), stop);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private static async Task PauseAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<HttpResponseMessage> SyncAsync(HttpClient http, CancellationToken stop)
    {
        var response = await SendAsync(http, HttpMethod.Get, "/api/v1/sync" + (cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor)), null, stop);
        if (response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
            cursor = body.GetProperty("cursor").GetString();
        }

        return response;
    }

    /// <summary>
    /// Replaces one of the client's entries. After an answer that does not say whether the write committed (a 5xx or
    /// a lost connection) the entry's version is unknown: the next write to it reads the current version first.
    /// </summary>
    private async Task<HttpResponseMessage> WriteAsync(HttpClient http, CancellationToken stop)
    {
        var index = Random.Shared.Next(entryIds.Length);
        if (versions[index] is null)
        {
            var current = await SendAsync(http, HttpMethod.Get, $"/api/v1/vaults/{vaultId}/entries/{entryIds[index]}", null, stop);
            if (!current.IsSuccessStatusCode) return current;
            versions[index] = VersionOf(current);
            current.Dispose();
        }

        var replaces = versions[index]!.Value;
        versions[index] = null;
        var response = await SendAsync(http, HttpMethod.Put, $"/api/v1/vaults/{vaultId}/entries/{entryIds[index]}",
            new { replacesVersion = replaces, keyEpoch = 1, ciphertext = Ciphertext(entryBytes) }, stop);
        if (response.IsSuccessStatusCode)
        {
            var version = VersionOf(response);
            versions[index] = version;
            lock (Acknowledged) Acknowledged.Add((entryIds[index], version));
        }
        else if ((int)response.StatusCode < 500)
        {
            versions[index] = replaces;
        }

        return response;
    }

    private async Task<HttpResponseMessage> LoginRequestAsync(HttpClient http, CancellationToken stop)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new
        {
            username,
            authHash,
            device = new { id = deviceId, name = "cluster load", type = "server" },
        }, stop);
        if (response.IsSuccessStatusCode)
            accessToken = (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("accessToken").GetString()!;
        return response;
    }

    private async Task LoginAsync(HttpClient http, CancellationToken stop)
    {
        using var response = await RetryingAsync(() => LoginRequestAsync(http, stop));
        await EnsureAsync(response);
    }

    /// <summary>
    /// The set-up, like any client, waits out a 503 or a timeout (a busy machine) instead of giving up, 30 times at most.
    /// Only the set-up retries: its requests (register, a first login, creating its own vault and entries with
    /// client-chosen ids, reads) are safe to send twice; the measured load never re-sends.
    /// </summary>
    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response, CancellationToken stop)
    {
        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
            return problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task<HttpResponseMessage> RetryingAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await send();
            }
            catch (Exception e) when (attempt < 30 && e is HttpRequestException or TaskCanceledException or IOException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 30) return response;
            // A balancer's own 503 (no replica passed its last health check) carries no Retry-After.
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    /// <summary>Shares the vault with the next account of the run that is not yet a member (read permission).</summary>
    private Task<HttpResponseMessage> GrantAsync(HttpClient http, Guid[] directory, CancellationToken stop)
    {
        var recipient = directory[nextRecipient++ % directory.Length];
        if (recipient == UserId) recipient = directory[nextRecipient++ % directory.Length];
        return SendAsync(http, HttpMethod.Post, $"/api/v1/vaults/{vaultId}/members", new
        {
            userId = recipient,
            permission = "read",
            keyEpoch = 1,
            wrappedKey = Convert.ToBase64String([0x01, 0x02, .. RandomNumberGenerator.GetBytes(104)]),
            granterSignature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
        }, stop);
    }

    private Task<HttpResponseMessage> FetchAsync(HttpClient http, CancellationToken stop) =>
        SendAsync(http, HttpMethod.Get, $"/api/v1/vaults/{vaultId}/entries/{entryIds[Random.Shared.Next(entryIds.Length)]}", null, stop);

    private async Task<string?> DrainAsync(HttpClient http)
    {
        string? position = null;
        while (true)
        {
            using var response = await RetryingAsync(() => SendAsync(http, HttpMethod.Get, "/api/v1/sync" + (position is null ? "" : "?cursor=" + Uri.EscapeDataString(position)), null, CancellationToken.None));
            await EnsureAsync(response);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            position = body.GetProperty("cursor").GetString();
            if (!body.GetProperty("hasMore").GetBoolean()) return position;
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, object? body, CancellationToken stop)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null) request.Content = JsonContent.Create(body);
        return http.SendAsync(request, stop);
    }

    private static long VersionOf(HttpResponseMessage response) =>
        long.Parse(response.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);

    private static string Ciphertext(int plaintextBytes) => Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(24 + plaintextBytes + 16)]);

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>One client's HTTP connection, opened from its own loopback address.</summary>
internal sealed class ClientConnection : IDisposable
{
    private readonly SocketsHttpHandler handler;

    private ClientConnection(SocketsHttpHandler handler, HttpClient http) => (this.handler, Http) = (handler, http);

    public HttpClient Http { get; }

    /// <summary>Clients connect from 127.0.0.2 … 127.0.0.251, then 127.0.1.2 …; 127.0.0.1 stays the balancer's own address.</summary>
    public static ClientConnection Create(Uri baseUrl, int index, RemoteCertificateValidationCallback certificateCheck)
    {
        var source = new IPAddress([127, (byte)(index / 250 / 250), (byte)(index / 250 % 250), (byte)(index % 250 + 2)]);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = certificateCheck },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new ClientConnection(handler, new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) });
    }

    public void Dispose()
    {
        Http.Dispose();
        handler.Dispose();
    }
}

internal static class ProcessStats
{
    public const int TicksPerSecond = 100;

    /// <summary>utime + stime of /proc/PID/stat (fields 14 and 15), in clock ticks; 0 once the process is gone.</summary>
    public static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static long RssBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
