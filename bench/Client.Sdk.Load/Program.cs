using System.Diagnostics;
using System.Globalization;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault;

// Full sync of one vault through the SDK, as a fresh device does it: every sync page (cursor, hasMore), every
// ciphertext checked against its claimed entry id, version and epoch, the vault's signed history verified and compared
// with the cache (ADR-0032), then every entry decrypted and parsed. Then single writes on a synced device.
// Both are measured twice in the same run, in alternating rounds: on a vault with signed history, and on one without
// (created and synced with history turned off: the client before ADR-0032), so the ratio is the cost of the history.
// Run by bench/Client.Sdk.Load/full-sync.sh against a live server.
//   Client.Sdk.Load <baseUrl> [entries = 10000] [rounds = 15] [writes = 100]
var baseUrl = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:8080");
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
var writes = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
const int CiphertextBytes = 1024;
const string Password = "sdk bench password";

var template = new EntryData { Name = "entry", Username = "user@example.com", Password = "correct horse battery staple", Url = "https://example.com", Notes = "" };
var entry = template with { Notes = new string('x', CiphertextBytes - 42 - template.ToUtf8().Length - ",\"notes\":\"\"".Length) };

var with = await PrepareAsync(history: true);
var without = await PrepareAsync(history: false);
var benches = new[] { with, without };

// Warm-up round (JIT, connection pool), then measured rounds, each a fresh device cache and fresh vault keys; the
// two vaults take turns in going first.
for (var round = 0; round <= rounds; round++)
{
    foreach (var bench in round % 2 == 0 ? benches : benches.Reverse())
    {
        var (elapsed, raw, report) = await FullSyncAsync(bench);
        if (round == 0)
        {
            Console.WriteLine(FormattableString.Invariant($"warm-up, {bench.Label}: {elapsed:0} ms, {report.Pages} pages"));
            continue;
        }

        bench.Syncs.Add(elapsed);
        bench.RawSyncs.Add(raw);
    }
}

// Single writes: one synced device per vault updates one entry again and again; the vaults alternate write by write.
var devices = new List<(Bench Bench, VaultOperations Device, LocalVaultCache Cache)>();
foreach (var bench in benches)
{
    var device = Open(bench);
    var cache = LocalVaultCache.Empty(bench.Account.UserId);
    await device.SyncAsync(cache);
    devices.Add((bench, device, cache));
}

for (var i = 0; i <= writes; i++)
{
    foreach (var (bench, device, cache) in i % 2 == 0 ? devices : Enumerable.Reverse(devices))
    {
        var (entryId, version) = bench.Written ?? cache.LiveEntries(bench.VaultId).Select(e => (e.EntryId, e.Version)).First();
        var watch = Stopwatch.StartNew();
        var saved = await device.UpdateEntryAsync(bench.VaultId, entryId, version, entry with { Name = $"entry {i}" });
        watch.Stop();
        if (saved.Version != version + 1) throw new InvalidOperationException($"{bench.Label}: version {saved.Version} after {version}");
        bench.Written = (entryId, saved.Version);
        if (i > 0) bench.Writes.Add(watch.Elapsed.TotalMilliseconds);
    }
}

foreach (var (_, device, _) in devices) device.Dispose();

foreach (var bench in benches)
{
    Console.WriteLine(FormattableString.Invariant(
        $"{bench.Label}: SDK full sync of a {count}-entry vault ({CiphertextBytes} B ciphertexts), sync + verify + decrypt every entry: median {Median(bench.Syncs):0} ms, min {bench.Syncs.Min():0} ms, max {bench.Syncs.Max():0} ms over {bench.Syncs.Count} rounds; the same pages through VaultApi alone (HTTP + JSON, no crypto): median {Median(bench.RawSyncs):0} ms"));
    Console.WriteLine(FormattableString.Invariant(
        $"{bench.Label}: single write (update of one entry on a synced device): median {Median(bench.Writes):0.0} ms, min {bench.Writes.Min():0.0} ms, max {bench.Writes.Max():0.0} ms over {bench.Writes.Count} writes"));
}

Console.WriteLine(FormattableString.Invariant(
    $"cost of signed history (with / without, same run): full sync {Median(with.Syncs) / Median(without.Syncs):0.00}, single write {Median(with.Writes) / Median(without.Writes):0.00}"));

async Task<Bench> PrepareAsync(bool history)
{
    var client = new PmClient(new PmClientOptions { BaseAddress = baseUrl, RequestTimeout = TimeSpan.FromMinutes(5) }, new InMemoryTokenStore());
    var username = $"sdkbench-{Guid.NewGuid():N}"[..24];
    await client.Account.RegisterAsync(new NewAccount(username, Kdf: KdfParameters.Minimum), Password.AsMemory());
    var account = await client.Account.LoginAsync(username, Password.AsMemory(), new DeviceInfo(Guid.NewGuid(), "sdk bench", DeviceType.Server));
    var bench = new Bench(history ? "with history" : "without history", history, client, account);

    // Upload: one vault of `count` entries whose ciphertexts are exactly 1 KiB (real encryption, batches of 1,000).
    using var writer = Open(bench);
    bench.VaultId = (await writer.CreateVaultAsync("bench")).VaultId;
    var upload = Stopwatch.StartNew();
    for (var offset = 0; offset < count; offset += 1000)
    {
        var saved = await writer.AddEntriesAsync(bench.VaultId, [.. Enumerable.Repeat(entry, Math.Min(1000, count - offset))]);
        if (saved[0].Ciphertext!.Length != CiphertextBytes) throw new InvalidOperationException($"ciphertext is {saved[0].Ciphertext!.Length} bytes");
    }

    var records = (await client.Vaults.History.ListAsync(bench.VaultId, after: null, 1000)).Items.Count;
    if (records != (history ? 1 + ((count + 999) / 1000) : 0)) throw new InvalidOperationException($"{bench.Label}: the vault has {records} history records");
    Console.WriteLine(FormattableString.Invariant($"{bench.Label}: uploaded {count} entries of {CiphertextBytes} B in {upload.Elapsed.TotalSeconds:0.0} s ({records} history records)"));
    return bench;
}

VaultOperations Open(Bench bench)
{
    var device = bench.Client.OpenVaults(bench.Account.Keys);
    device.History.MeasuringWithout = !bench.History;
    return device;
}

async Task<(double Elapsed, double Raw, SyncReport Report)> FullSyncAsync(Bench bench)
{
    var raw = Stopwatch.StartNew();
    string? cursor = null;
    do
    {
        var page = await bench.Client.Vaults.SyncAsync(cursor);
        cursor = page.HasMore ? page.Cursor : null;
    }
    while (cursor is not null);
    raw.Stop();

    var watch = Stopwatch.StartNew();
    using var device = Open(bench);
    var cache = LocalVaultCache.Empty(bench.Account.UserId);
    var report = await device.SyncAsync(cache);
    var decrypted = 0;
    foreach (var cached in cache.LiveEntries(bench.VaultId))
    {
        if (device.Decrypt(cached).Data.Name.Length > 0) decrypted++;
    }

    watch.Stop();
    var verified = device.HistoryOf(bench.VaultId) is not null;
    if (decrypted != count || report.Suspicious || verified != bench.History)
        throw new InvalidOperationException($"{bench.Label}: {decrypted} entries decrypted, history verified: {verified}, report {report}");
    return (watch.Elapsed.TotalMilliseconds, raw.Elapsed.TotalMilliseconds, report);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

internal sealed class Bench(string label, bool history, PmClient client, UnlockedAccount account)
{
    public string Label => label;

    public bool History => history;

    public PmClient Client => client;

    public UnlockedAccount Account => account;

    public Guid VaultId { get; set; }

    public List<double> Syncs { get; } = [];

    public List<double> RawSyncs { get; } = [];

    public List<double> Writes { get; } = [];

    public (Guid EntryId, long Version)? Written { get; set; }
}
