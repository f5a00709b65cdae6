using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

// Load driver for the Vault module, run by bench/vault/sync.sh against a live server.
// It speaks plain HTTP with random bytes in the v1 envelope formats: the server checks format only, and
// client-side crypto is measured separately (bench/Client.Crypto.Benchmarks).
//   Vault.Load <baseUrl> <entriesInSmallVault> <entriesInLargeVault> <changedEntries> <rounds> [fullSyncEntries = 10000]
//   Vault.Load seed <baseUrl> <entries> <blobEntries>   one account and vault with <entries> 1 KiB entries, plus
//                                                      <blobEntries> of 16 KiB (stored in the blob store); for bench/backup
if (args.Length > 0 && args[0] == "seed")
{
    using var seeder = new HttpClient { BaseAddress = new Uri(args[1]), Timeout = TimeSpan.FromMinutes(5) };
    await LoginAsNewUserAsync(seeder);
    var seedVault = await CreateVaultAsync(seeder);
    var seedWatch = Stopwatch.StartNew();
    await UploadAsync(seeder, seedVault, int.Parse(args[2], CultureInfo.InvariantCulture));
    await UploadAsync(seeder, seedVault, int.Parse(args[3], CultureInfo.InvariantCulture), plaintextBytes: 16 * 1024);
    Console.WriteLine(FormattableString.Invariant($"seeded {args[2]} + {args[3]} entries in {seedWatch.Elapsed.TotalSeconds:0.0} s"));
    return;
}

var baseUrl = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:8080");
var small = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
var large = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
var changed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
var rounds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 30;
var fullSyncEntries = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 10_000;
const int BatchSize = 1000;

using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
await LoginAsNewUserAsync(http);

// 1. Bulk upload from one client: batches of 1,000 one-KiB entries, one request after another.
var smallVault = await CreateVaultAsync(http);
var largeVault = await CreateVaultAsync(http);
var uploadWatch = Stopwatch.StartNew();
var largeIds = await UploadAsync(http, largeVault, large);
uploadWatch.Stop();
var smallIds = await UploadAsync(http, smallVault, small);
Console.WriteLine(FormattableString.Invariant(
    $"bulk upload: {large} entries in {uploadWatch.Elapsed.TotalSeconds:0.00} s = {large / uploadWatch.Elapsed.TotalSeconds:0} entries/s"));

// 2. Delta sync of `changed` entries in each vault: same number of changes, vaults 100x apart in size. The account
// is drained once (a full sync of both vaults); each measured sync then continues from the previous cursor.
var drainWatch = Stopwatch.StartNew();
var cursor = await DrainAsync(http, null);
Console.WriteLine(FormattableString.Invariant($"first full sync of the account ({large + small} entries): {drainWatch.Elapsed.TotalSeconds:0.0} s"));
// Rounds alternate between the vaults (and which goes first), so a machine whose load changes during the run
// weighs on both medians alike.
var (smallTimes, largeTimes) = (new List<double>(), new List<double>());
for (var round = 0; round < rounds; round++)
{
    if (round % 2 == 0)
    {
        smallTimes.Add(await DeltaRoundAsync(http, smallVault, smallIds));
        largeTimes.Add(await DeltaRoundAsync(http, largeVault, largeIds));
    }
    else
    {
        largeTimes.Add(await DeltaRoundAsync(http, largeVault, largeIds));
        smallTimes.Add(await DeltaRoundAsync(http, smallVault, smallIds));
    }
}

var (smallDelta, largeDelta) = (Median(smallTimes), Median(largeTimes));
Console.WriteLine(FormattableString.Invariant(
    $"delta sync of {changed} changes: median {smallDelta:0.00} ms in a {small}-entry vault, {largeDelta:0.00} ms in a {large}-entry vault, ratio {largeDelta / smallDelta:0.00} (median of the {rounds} paired rounds' ratios {Median([.. largeTimes.Zip(smallTimes, (l, s) => l / s)]):0.00})"));

// 3. Full sync of an account with one vault of `fullSyncEntries` (fresh device: no cursor), all pages.
using var owner = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
await LoginAsNewUserAsync(owner);
var fullVault = await CreateVaultAsync(owner);
await UploadAsync(owner, fullVault, fullSyncEntries);
var fullTimes = new List<double>();
for (var round = 0; round < Math.Max(5, rounds / 3); round++)
{
    using var device = new HttpClient { BaseAddress = baseUrl };
    device.DefaultRequestHeaders.Authorization = owner.DefaultRequestHeaders.Authorization;
    var watch = Stopwatch.StartNew();
    var entries = await FullSyncCountAsync(device, fullVault);
    watch.Stop();
    if (entries != fullSyncEntries) throw new InvalidOperationException($"full sync returned {entries} entries of the vault");
    fullTimes.Add(watch.Elapsed.TotalMilliseconds);
}

Console.WriteLine(FormattableString.Invariant(
    $"full sync of a {fullSyncEntries}-entry account, all pages: median {Median(fullTimes):0} ms (min {fullTimes.Min():0}, max {fullTimes.Max():0}, {fullTimes.Count} rounds)"));
return;

async Task<double> DeltaRoundAsync(HttpClient client, Guid vault, List<(Guid Id, long Version)> ids)
{
    var picked = new HashSet<int>();
    while (picked.Count < changed) picked.Add(RandomNumberGenerator.GetInt32(ids.Count));
    var writes = new JsonArray();
    foreach (var index in picked)
    {
        var (id, version) = ids[index];
        writes.Add(new JsonObject { ["entryId"] = id, ["replacesVersion"] = version, ["keyEpoch"] = 1, ["ciphertext"] = Ciphertext(1024) });
        ids[index] = (id, version + 1);
    }

    using (var response = await client.PostAsJsonAsync($"/api/v1/vaults/{vault}/entries/batch", new JsonObject { ["writes"] = writes }))
        response.EnsureSuccessStatusCode();

    var watch = Stopwatch.StartNew();
    using var sync = await client.GetAsync($"/api/v1/sync?cursor={Uri.EscapeDataString(cursor)}");
    var body = await sync.Content.ReadFromJsonAsync<JsonElement>();
    watch.Stop();
    var received = body.GetProperty("entries").GetArrayLength();
    if (received != changed) throw new InvalidOperationException($"delta sync returned {received} entries, expected {changed}");
    cursor = body.GetProperty("cursor").GetString()!;
    return watch.Elapsed.TotalMilliseconds;
}

static async Task<string> DrainAsync(HttpClient client, string? cursor)
{
    while (true)
    {
        using var response = await client.GetAsync("/api/v1/sync" + (cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        cursor = body.GetProperty("cursor").GetString()!;
        if (!body.GetProperty("hasMore").GetBoolean()) return cursor;
    }
}

static async Task<int> FullSyncCountAsync(HttpClient client, Guid vault)
{
    string? cursor = null;
    var count = 0;
    while (true)
    {
        using var response = await client.GetAsync("/api/v1/sync" + (cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}"));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        count += body.GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("entry").GetProperty("vaultId").GetGuid() == vault);
        cursor = body.GetProperty("cursor").GetString();
        if (!body.GetProperty("hasMore").GetBoolean()) return count;
    }
}

static async Task<List<(Guid Id, long Version)>> UploadAsync(HttpClient client, Guid vault, int count, int plaintextBytes = 1024)
{
    var ids = new List<(Guid, long)>(count);
    var batch = plaintextBytes <= 1024 ? BatchSize : 50;
    for (var done = 0; done < count; done += batch)
    {
        var writes = new JsonArray();
        for (var i = 0; i < Math.Min(batch, count - done); i++)
        {
            var id = Guid.NewGuid();
            ids.Add((id, 1));
            writes.Add(new JsonObject { ["entryId"] = id, ["keyEpoch"] = 1, ["ciphertext"] = Ciphertext(plaintextBytes) });
        }

        using var response = await client.PostAsJsonAsync($"/api/v1/vaults/{vault}/entries/batch", new JsonObject { ["writes"] = writes });
        response.EnsureSuccessStatusCode();
    }

    return ids;
}

static string Ciphertext(int plaintextBytes) => Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(24 + plaintextBytes + 16)]);

static async Task<Guid> CreateVaultAsync(HttpClient client)
{
    var id = Guid.NewGuid();
    using var response = await client.PostAsJsonAsync("/api/v1/vaults", new
    {
        vaultId = id,
        kind = "shared",
        wrappedKey = Convert.ToBase64String([0x01, 0x02, .. RandomNumberGenerator.GetBytes(104)]),
        granterSignature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
    });
    response.EnsureSuccessStatusCode();
    return id;
}

static async Task LoginAsNewUserAsync(HttpClient client)
{
    var userId = Guid.NewGuid();
    var authHash = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    var bundle = new byte[145];
    bundle[0] = 1;
    userId.TryWriteBytes(bundle.AsSpan(1, 16), bigEndian: true, out _);
    RandomNumberGenerator.Fill(bundle.AsSpan(17));
    var username = "load-" + userId.ToString("N")[..12];
    using (var register = await client.PostAsJsonAsync("/api/v1/auth/register", new
    {
        userId,
        username,
        authHash,
        kdf = new { memoryKiB = 65536, iterations = 3, parallelism = 1 },
        kdfSalt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
        encryptedUserKey = Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(72)]),
        encryptedPrivateKeys = Convert.ToBase64String([0x01, 0x01, .. RandomNumberGenerator.GetBytes(104)]),
        publicKeyBundle = Convert.ToBase64String(bundle),
    }))
        register.EnsureSuccessStatusCode();

    using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new
    {
        username,
        authHash,
        device = new { id = Guid.NewGuid(), name = "load driver", type = "server" },
    });
    login.EnsureSuccessStatusCode();
    var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
