using System.Runtime.Versioning;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Auth.Contracts;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.EndToEndTests.Cli.AccountLifecycleTests;
using static PasswordManager.EndToEndTests.Vault.VaultCliTests;

namespace PasswordManager.EndToEndTests.Vault;

/// <summary>pm read with a cold cache finds the entry through the blind name index: one entry crosses the wire, not the vault.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class NameIndexCliTests
{
    private const int VaultSize = 200;

    [Test]
    [CancelAfter(300_000)]
    public async Task ColdReadFetchesOneEntryNotTheVault()
    {
        var (alice, password) = await NewAccountAsync("coldread");
        await Expect(0, alice.RunAsync(["add", "--name", "Database", "--username", "app", "--entry-password-stdin", "--json"], password, "db-pass-1\n"));
        var username = CliProfile.Username(alice);
        var filler = new string('x', 400);
        using (var client = new PmClient(new PmClientOptions { BaseAddress = ServerFixture.Server.Address }, new InMemoryTokenStore()))
        {
            using var account = await client.Account.LoginAsync(username, password.AsMemory(), new DeviceInfo(Guid.NewGuid(), "e2e filler", DeviceType.Server));
            using var vaults = client.OpenVaults(account.Keys);
            var personal = await vaults.GetOrCreatePersonalVaultAsync();
            await vaults.AddEntriesAsync(personal.VaultId, [.. Enumerable.Range(1, VaultSize - 1).Select(i => new EntryData
            {
                Name = $"Service-{i:D3}", Username = $"user{i}", Password = $"pw-{i}", Notes = filler,
            })]);
        }

        await using var proxy = new CountingProxy(ServerFixture.Server.Address);
        var device = ServerFixture.NewCli();
        await Expect(0, device.RunAsync("config", "server", proxy.Address.ToString()));
        await Expect(0, device.RunAsync(["login", "-u", username], password, null));

        proxy.Reset();
        var cold = await device.RunAsync(["read", "pm://Personal/service-137/password"], password, null);
        var (coldBytes, coldRequests) = (proxy.BytesToClient, proxy.Requests.ToList());

        proxy.Reset();
        var again = await device.RunAsync(["read", "pm://Personal/Database/username"], password, null);
        var againRequests = proxy.Requests.ToList();

        proxy.Reset();
        await Expect(0, device.RunAsync(["sync"], password, null));
        var (syncBytes, syncRequests) = (proxy.BytesToClient, proxy.Requests.ToList());

        proxy.Reset();
        var warm = await device.RunAsync(["read", "pm://Personal/Service-002/password"], password, null);
        var warmRequests = proxy.Requests.ToList();

        var measured = $"cold pm read: {coldBytes} bytes in {coldRequests.Count} requests ({string.Join(", ", coldRequests)}); "
            + $"full sync of {VaultSize} entries: {syncBytes} bytes in {syncRequests.Count} requests";
        TestContext.Progress.WriteLine(measured);
        // For docs/performance.md: PM_E2E_MEASUREMENTS names a file the figures are appended to.
        if (Environment.GetEnvironmentVariable("PM_E2E_MEASUREMENTS") is { Length: > 0 } measurements)
            await File.AppendAllTextAsync(measurements, measured + Environment.NewLine);
        Assert.Multiple(() =>
        {
            Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
            Assert.That(cold.Stdout, Is.EqualTo("pw-137\n"));
            Assert.That(coldRequests.Count(r => r.Contains("/entries?nameIndex=", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", coldRequests));
            Assert.That(coldRequests.Where(r => r.Contains("/sync", StringComparison.Ordinal) || r.Contains("/entries/fetch", StringComparison.Ordinal)), Is.Empty);
            Assert.That(coldBytes, Is.LessThan(syncBytes / 10), $"cold read {coldBytes} bytes, full sync {syncBytes} bytes");
            Assert.That(coldBytes, Is.LessThan(12_000), "about one entry (~1 KiB) plus the vault list and HTTP headers");

            Assert.That(again.ExitCode, Is.Zero, again.ToString());
            Assert.That(again.Stdout, Is.EqualTo("app\n"), "an entry pm add wrote is found by its index too");
            Assert.That(againRequests.Where(r => r.Contains("/sync", StringComparison.Ordinal)), Is.Empty, "still no cursor: still by index");

            Assert.That(warm.ExitCode, Is.Zero, warm.ToString());
            Assert.That(warm.Stdout, Is.EqualTo("pw-2\n"));
            Assert.That(warmRequests.Count(r => r.Contains("/api/v1/sync", StringComparison.Ordinal)), Is.EqualTo(1), "a warm cache syncs the changes instead");
            Assert.That(warmRequests.Where(r => r.Contains("nameIndex", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ColdReadFallsBackToASyncForIdsAndForNamesTheIndexDoesNotFind()
    {
        var (alice, password) = await NewAccountAsync("coldfallback");
        var added = await Expect(0, alice.RunAsync(["add", "--name", "Mail", "--username", "me", "--no-password", "--json"], password, null));
        var entryId = added.GetProperty("entryId").GetString()!;
        await using var proxy = new CountingProxy(ServerFixture.Server.Address);
        var device = ServerFixture.NewCli();
        await Expect(0, device.RunAsync("config", "server", proxy.Address.ToString()));
        await Expect(0, device.RunAsync(["login", "-u", CliProfile.Username(alice)], password, null));

        proxy.Reset();
        var byId = await device.RunAsync(["read", $"pm://Personal/{entryId}/username"], password, null);
        var byIdRequests = proxy.Requests.ToList();
        File.Delete(Path.Combine(device.ConfigDirectory, "cache.bin"));
        proxy.Reset();
        var missing = await ExpectError(4, "cli.not_found", device.RunAsync(["read", "pm://Personal/Nothing/password", "--json"], password, null));
        var missingRequests = proxy.Requests.ToList();

        Assert.Multiple(() =>
        {
            Assert.That(byId.Stdout, Is.EqualTo("me\n"), byId.ToString());
            Assert.That(byIdRequests.Where(r => r.Contains("nameIndex", StringComparison.Ordinal)), Is.Empty, "an id is not a name");
            Assert.That(byIdRequests.Count(r => r.Contains("/api/v1/sync", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1));
            Assert.That(missingRequests.Count(r => r.Contains("nameIndex", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", missingRequests));
            Assert.That(missingRequests.Count(r => r.Contains("/api/v1/sync", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1),
                "no match by index: a full sync decides (entries of older clients have no index)");
            Assert.That(missing.ToString(), Does.Contain("Nothing"));
        });
    }
}
