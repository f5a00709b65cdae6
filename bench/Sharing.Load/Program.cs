using System.Diagnostics;
using System.Globalization;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Keys;
using PasswordManager.Client.Sdk.Sharing;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;

// Revoke = re-key of a large shared vault, and grant latency, through the SDK as pm does them, on a vault with signed
// history and on one without (ADR-0032), in the same run. Run by bench/Sharing.Load/revoke.sh against a live server.
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

var template = new EntryData { Name = "entry", Username = "user@example.com", Password = "correct horse battery staple", Url = "https://example.com", Notes = "" };
var entry = template with { Notes = new string('x', CiphertextBytes - 42 - template.ToUtf8().Length - ",\"notes\":\"\"".Length) };

// Two admins, each with a large vault shared with the same members: one with signed history, one without (history
// turned off on that admin's device: the client before ADR-0032), so the revoke ratio is the cost of the history.
var with = await PrepareAsync(history: true);
var without = await PrepareAsync(history: false);
var admins = new[] { with, without };
Console.WriteLine(FormattableString.Invariant($"{memberCount} members registered"));

// Grant latency: each member is shared both vaults of each admin (the first grant of each vault pins the key; one warm-up grant first).
foreach (var admin in admins)
{
    foreach (var (name, index) in members.Select((n, i) => (n, i)))
    {
        foreach (var (vault, times) in new[] { (admin.Small, admin.SmallGrants), (admin.Large, admin.LargeGrants) })
        {
            var watch = Stopwatch.StartNew();
            await admin.Sharing.ShareAsync(vault, name, VaultPermission.Write);
            watch.Stop();
            if (index > 0) times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    var (smallMedian, largeMedian) = (Median(admin.SmallGrants), Median(admin.LargeGrants));
    Console.WriteLine(FormattableString.Invariant(
        $"{admin.Label}: grant (pin check + wrap + sign + POST): 10-entry vault median {smallMedian:0.0} ms, {count}-entry vault median {largeMedian:0.0} ms, ratio {largeMedian / smallMedian:0.00} over {admin.SmallGrants.Count} grants each"));
}

// Revoke rounds: revoke one member (full re-key of the large vault), then share with them again for the next round;
// the two admins take turns in going first.
for (var round = 0; round <= rounds; round++)
{
    var victim = members[round % members.Count];
    foreach (var admin in round % 2 == 0 ? admins : admins.Reverse())
    {
        var victimId = (await admin.Sharing.Trust.RequireAsync(victim)).UserId;
        var watch = Stopwatch.StartNew();
        var result = await admin.Sharing.RevokeAsync(admin.Large, [victimId]);
        watch.Stop();
        if (result.Entries != count || result.Members != memberCount) throw new InvalidOperationException($"{admin.Label}, round {round}: {result}");
        Console.WriteLine(FormattableString.Invariant($"{admin.Label}, {(round == 0 ? "warm-up" : $"round {round}")}: revoke re-keyed {result.Entries} entries to epoch {result.KeyEpoch}, {result.Members} members, in {watch.Elapsed.TotalMilliseconds:0} ms"));
        if (round > 0) admin.Revokes.Add(watch.Elapsed.TotalMilliseconds);
        await admin.Sharing.ShareAsync(admin.Large, victim, VaultPermission.Write);
    }
}

foreach (var admin in admins)
{
    Console.WriteLine(FormattableString.Invariant(
        $"{admin.Label}: revoke of 1 of {memberCount} members from a {count}-entry vault (fetch + verify + decrypt + re-encrypt + wrap + upload + commit): median {Median(admin.Revokes):0} ms, min {admin.Revokes.Min():0} ms, max {admin.Revokes.Max():0} ms over {admin.Revokes.Count} rounds"));
}

Console.WriteLine(FormattableString.Invariant($"cost of signed history (with / without, same run): revoke {Median(with.Revokes) / Median(without.Revokes):0.00}"));

async Task<Admin> PrepareAsync(bool history)
{
    var client = new PmClient(options, new InMemoryTokenStore());
    var name = $"admin-{Guid.NewGuid():N}"[..24];
    await client.Account.RegisterAsync(new NewAccount(name, Kdf: KdfParameters.Minimum), Password.AsMemory());
    var account = await client.Account.LoginAsync(name, Password.AsMemory(), new DeviceInfo(Guid.NewGuid(), "sharing bench", DeviceType.Server));
    var vaults = client.OpenVaults(account.Keys, new InMemoryPinnedKeyStore(), name);
    vaults.History.MeasuringWithout = !history;
    var admin = new Admin(history ? "with history" : "without history", vaults, client.OpenSharing(vaults))
    {
        Large = (await vaults.CreateVaultAsync("large")).VaultId,
        Small = (await vaults.CreateVaultAsync("small")).VaultId,
    };
    var upload = Stopwatch.StartNew();
    for (var offset = 0; offset < count; offset += 1000)
    {
        var saved = await vaults.AddEntriesAsync(admin.Large, [.. Enumerable.Repeat(entry, Math.Min(1000, count - offset))]);
        if (saved[0].Ciphertext!.Length != CiphertextBytes) throw new InvalidOperationException($"ciphertext is {saved[0].Ciphertext!.Length} bytes");
    }

    await vaults.AddEntriesAsync(admin.Small, [.. Enumerable.Repeat(entry, 10)]);
    var records = (await client.Vaults.History.ListAsync(admin.Large, after: null, 1000)).Items.Count;
    if (records != (history ? 1 + ((count + 999) / 1000) : 0)) throw new InvalidOperationException($"{admin.Label}: the vault has {records} history records");
    Console.WriteLine(FormattableString.Invariant($"{admin.Label}: uploaded {count} + 10 entries of {CiphertextBytes} B in {upload.Elapsed.TotalSeconds:0.0} s ({records} history records)"));
    return admin;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

internal sealed class Admin(string label, VaultOperations vaults, SharingOperations sharing)
{
    public string Label => label;

    public VaultOperations Vaults => vaults;

    public SharingOperations Sharing => sharing;

    public Guid Large { get; init; }

    public Guid Small { get; init; }

    public List<double> SmallGrants { get; } = [];

    public List<double> LargeGrants { get; } = [];

    public List<double> Revokes { get; } = [];
}
