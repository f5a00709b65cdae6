using System.Diagnostics;
using System.Globalization;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;

// Revoke = re-key of a large shared vault, and grant latency, through the SDK as pm does them. Run by
// bench/Sharing.Load/revoke.sh against a live server.
//   Sharing.Load <baseUrl> [entries = 10000] [members = 20] [revokeRounds = 5]
var baseUrl = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:8080");
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var memberCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
const int CiphertextBytes = 1024;
const string Password = "sharing bench password";
var options = new PmClientOptions { BaseAddress = baseUrl, RequestTimeout = TimeSpan.FromMinutes(5) };

var members = new List<string>();
using (var registrar = new PmClient(options, new InMemoryTokenStore()))
{
    for (var i = 0; i < memberCount; i++)
    {
        var name = $"member{i}-{Guid.NewGuid():N}"[..24];
        await registrar.Account.RegisterAsync(new NewAccount(name, Kdf: KdfParameters.Minimum), Password.AsMemory());
        members.Add(name);
    }
}

using var client = new PmClient(options, new InMemoryTokenStore());
var admin = $"admin-{Guid.NewGuid():N}"[..24];
await client.Account.RegisterAsync(new NewAccount(admin, Kdf: KdfParameters.Minimum), Password.AsMemory());
using var account = await client.Account.LoginAsync(admin, Password.AsMemory(), new DeviceInfo(Guid.NewGuid(), "sharing bench", DeviceType.Server));
var pins = new InMemoryPinnedKeyStore();
using var vaults = client.OpenVaults(account.Keys, pins, admin);
var sharing = client.OpenSharing(vaults);

var template = new EntryData { Name = "entry", Username = "user@example.com", Password = "correct horse battery staple", Url = "https://example.com", Notes = "" };
var entry = template with { Notes = new string('x', CiphertextBytes - 42 - template.ToUtf8().Length - ",\"notes\":\"\"".Length) };
var large = (await vaults.CreateVaultAsync("large")).VaultId;
var small = (await vaults.CreateVaultAsync("small")).VaultId;
var upload = Stopwatch.StartNew();
for (var offset = 0; offset < count; offset += 1000)
{
    var saved = await vaults.AddEntriesAsync(large, [.. Enumerable.Repeat(entry, Math.Min(1000, count - offset))]);
    if (saved[0].Ciphertext!.Length != CiphertextBytes) throw new InvalidOperationException($"ciphertext is {saved[0].Ciphertext!.Length} bytes");
}

await vaults.AddEntriesAsync(small, [.. Enumerable.Repeat(entry, 10)]);
Console.WriteLine(FormattableString.Invariant($"uploaded {count} + 10 entries of {CiphertextBytes} B in {upload.Elapsed.TotalSeconds:0.0} s; {memberCount} members registered"));

// Grant latency: each member is shared both vaults (the first grant of each vault pins the key; one warm-up grant first).
var smallTimes = new List<double>();
var largeTimes = new List<double>();
foreach (var (name, index) in members.Select((n, i) => (n, i)))
{
    foreach (var (vault, times) in new[] { (small, smallTimes), (large, largeTimes) })
    {
        var watch = Stopwatch.StartNew();
        await sharing.ShareAsync(vault, name, VaultPermission.Write);
        watch.Stop();
        if (index > 0) times.Add(watch.Elapsed.TotalMilliseconds);
    }
}

var (smallMedian, largeMedian) = (Median(smallTimes), Median(largeTimes));
Console.WriteLine(FormattableString.Invariant(
    $"grant (pin check + wrap + sign + POST): 10-entry vault median {smallMedian:0.0} ms, {count}-entry vault median {largeMedian:0.0} ms, ratio {largeMedian / smallMedian:0.00} over {smallTimes.Count} grants each"));

// Revoke rounds: revoke one member (full re-key of the large vault), then share with them again for the next round.
var revokeTimes = new List<double>();
for (var round = 0; round <= rounds; round++)
{
    var victim = members[round % members.Count];
    var victimId = (await sharing.Trust.RequireAsync(victim)).UserId;
    var watch = Stopwatch.StartNew();
    var result = await sharing.RevokeAsync(large, [victimId]);
    watch.Stop();
    if (result.Entries != count || result.Members != memberCount) throw new InvalidOperationException($"round {round}: {result}");
    Console.WriteLine(FormattableString.Invariant($"{(round == 0 ? "warm-up" : $"round {round}")}: revoke re-keyed {result.Entries} entries to epoch {result.KeyEpoch}, {result.Members} members, in {watch.Elapsed.TotalMilliseconds:0} ms"));
    if (round > 0) revokeTimes.Add(watch.Elapsed.TotalMilliseconds);
    await sharing.ShareAsync(large, victim, VaultPermission.Write);
}

revokeTimes.Sort();
Console.WriteLine(FormattableString.Invariant(
    $"revoke of 1 of {memberCount} members from a {count}-entry vault (fetch + verify + decrypt + re-encrypt + wrap + upload + commit): median {Median(revokeTimes):0} ms, min {revokeTimes[0]:0} ms, max {revokeTimes[^1]:0} ms over {revokeTimes.Count} rounds"));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
