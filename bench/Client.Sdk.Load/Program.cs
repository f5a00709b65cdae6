using System.Diagnostics;
using System.Globalization;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault;

// Full sync of one vault through the SDK, as a fresh device does it: every sync page (cursor, hasMore), every
// ciphertext checked against its claimed entry id, version and epoch, then every entry decrypted and parsed.
// Run by bench/Client.Sdk.Load/full-sync.sh against a live server.
//   Client.Sdk.Load <baseUrl> [entries = 10000] [rounds = 15]
var baseUrl = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:8080");
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
const int CiphertextBytes = 1024;

using var client = new PmClient(new PmClientOptions { BaseAddress = baseUrl, RequestTimeout = TimeSpan.FromMinutes(5) }, new InMemoryTokenStore());
var username = $"sdkbench-{Guid.NewGuid():N}"[..24];
const string Password = "sdk bench password";
await client.Account.RegisterAsync(new NewAccount(username, Kdf: KdfParameters.Minimum), Password.AsMemory());
using var account = await client.Account.LoginAsync(username, Password.AsMemory(), new DeviceInfo(Guid.NewGuid(), "sdk bench", DeviceType.Server));

// Upload: one vault of `count` entries whose ciphertexts are exactly 1 KiB (real encryption, batches of 1,000).
Guid vaultId;
using (var writer = client.OpenVaults(account.Keys))
{
    vaultId = (await writer.CreateVaultAsync("bench")).VaultId;
    var template = new EntryData { Name = "entry", Username = "user@example.com", Password = "correct horse battery staple", Url = "https://example.com", Notes = "" };
    var entry = template with { Notes = new string('x', CiphertextBytes - 42 - template.ToUtf8().Length - ",\"notes\":\"\"".Length) };
    var upload = Stopwatch.StartNew();
    for (var offset = 0; offset < count; offset += 1000)
    {
        var saved = await writer.AddEntriesAsync(vaultId, [.. Enumerable.Repeat(entry, Math.Min(1000, count - offset))]);
        if (saved[0].Ciphertext!.Length != CiphertextBytes) throw new InvalidOperationException($"ciphertext is {saved[0].Ciphertext!.Length} bytes");
    }

    Console.WriteLine(FormattableString.Invariant($"uploaded {count} entries of {CiphertextBytes} B in {upload.Elapsed.TotalSeconds:0.0} s"));
}

// Warm-up round (JIT, connection pool), then measured rounds, each a fresh device cache and fresh vault keys.
var times = new List<double>();
var rawTimes = new List<double>();
for (var round = 0; round <= rounds; round++)
{
    var raw = Stopwatch.StartNew();
    string? cursor = null;
    var rawEntries = 0;
    do
    {
        var page = await client.Vaults.SyncAsync(cursor);
        rawEntries += page.Entries.Count;
        cursor = page.HasMore ? page.Cursor : null;
    }
    while (cursor is not null);
    raw.Stop();
    if (round > 0) rawTimes.Add(raw.Elapsed.TotalMilliseconds);

    var watch = Stopwatch.StartNew();
    using var device = client.OpenVaults(account.Keys);
    var cache = LocalVaultCache.Empty(account.UserId);
    var report = await device.SyncAsync(cache);
    var decrypted = 0;
    foreach (var entry in cache.LiveEntries(vaultId))
    {
        if (device.Decrypt(entry).Data.Name.Length > 0) decrypted++;
    }

    watch.Stop();
    if (decrypted != count || report.Suspicious) throw new InvalidOperationException($"round {round}: {decrypted} entries decrypted, report {report}");
    if (round == 0)
    {
        Console.WriteLine(FormattableString.Invariant($"warm-up: {watch.Elapsed.TotalMilliseconds:0} ms, {report.Pages} pages"));
        continue;
    }

    times.Add(watch.Elapsed.TotalMilliseconds);
}

times.Sort();
rawTimes.Sort();
Console.WriteLine(FormattableString.Invariant($"for comparison, the same pages through VaultApi alone (HTTP + JSON, no crypto): median {rawTimes[rawTimes.Count / 2]:0} ms"));
var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
Console.WriteLine(FormattableString.Invariant(
    $"SDK full sync of a {count}-entry vault ({CiphertextBytes} B ciphertexts), sync + verify + decrypt every entry: median {median:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms over {times.Count} rounds"));
