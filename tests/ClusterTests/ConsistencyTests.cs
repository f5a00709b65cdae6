using PasswordManager.Client.Sdk.Vault;

namespace PasswordManager.ClusterTests;

/// <summary>Writers on both replicas at once: optimistic concurrency and delta sync hold across processes.</summary>
[CancelAfter(120_000)]
public sealed class ConsistencyTests
{
    private const int EntriesPerWriter = 15;

    [Test]
    public async Task ConcurrentWritersOnBothReplicasKeepEveryWriteAndStaleWritesGet409()
    {
        var username = await ClusterClients.RegisterAsync("writers");
        using var first = ClusterClients.Connect(ClusterFixture.Replicas[0].Address);
        using var second = ClusterClients.Connect(ClusterFixture.Replicas[1].Address);
        using var firstAccount = await ClusterClients.LoginAsync(first, username);
        using var secondAccount = await ClusterClients.LoginAsync(second, username);
        using var firstVaults = first.OpenVaults(firstAccount.Keys);
        using var secondVaults = second.OpenVaults(secondAccount.Keys);
        var vault = await firstVaults.CreateVaultAsync("Shared by two devices");

        var written = await Task.WhenAll(
            WriteAsync(firstVaults, vault.VaultId, "one"),
            WriteAsync(secondVaults, vault.VaultId, "two"));

        var listed = await firstVaults.ListEntriesAsync(vault.VaultId);
        Assert.That(listed.Select(e => e.Data.Name).Order(), Is.EquivalentTo(written.SelectMany(w => w).Order()));

        var entry = await firstVaults.AddEntryAsync(vault.VaultId, new EntryData { Name = "Contended" });
        var updated = await firstVaults.UpdateEntryAsync(vault.VaultId, entry.EntryId, entry.Version, new EntryData { Name = "Contended v2" });
        var stale = Assert.ThrowsAsync<EntryConflictException>(() =>
            secondVaults.UpdateEntryAsync(vault.VaultId, entry.EntryId, entry.Version, new EntryData { Name = "Stale" }));
        Assert.That(stale!.Conflicts.Single().Current?.Version, Is.EqualTo(updated.Version));

        // Both replicas replace the same version at the same moment: exactly one wins, the other gets 409.
        var race = await Task.WhenAll(
            Outcome(firstVaults.UpdateEntryAsync(vault.VaultId, entry.EntryId, updated.Version, new EntryData { Name = "From one" })),
            Outcome(secondVaults.UpdateEntryAsync(vault.VaultId, entry.EntryId, updated.Version, new EntryData { Name = "From two" })));
        Assert.That(race.Count(won => won), Is.EqualTo(1));
        var final = await secondVaults.GetEntryAsync(vault.VaultId, entry.EntryId);
        Assert.That(final.Version, Is.EqualTo(updated.Version + 1));
    }

    [Test]
    public async Task DeltaSyncThroughTheBalancerNeverMissesAWriteMadeOnEitherReplica()
    {
        var username = await ClusterClients.RegisterAsync("sync");
        using var first = ClusterClients.Connect(ClusterFixture.Replicas[0].Address);
        using var second = ClusterClients.Connect(ClusterFixture.Replicas[1].Address);
        using var reader = ClusterClients.Connect(ClusterFixture.Balancer);
        using var firstAccount = await ClusterClients.LoginAsync(first, username);
        using var secondAccount = await ClusterClients.LoginAsync(second, username);
        using var readerAccount = await ClusterClients.LoginAsync(reader, username);
        using var firstVaults = first.OpenVaults(firstAccount.Keys);
        using var secondVaults = second.OpenVaults(secondAccount.Keys);
        var vault = await firstVaults.CreateVaultAsync("Synced");

        var seen = new Dictionary<Guid, long>();
        string? cursor = null;
        async Task SyncOnceAsync()
        {
            bool more;
            do
            {
                var page = await reader.Vaults.SyncAsync(cursor);
                foreach (var synced in page.Entries)
                    seen[synced.Entry.EntryId] = Math.Max(seen.GetValueOrDefault(synced.Entry.EntryId), synced.Entry.Version);
                cursor = page.Cursor;
                more = page.HasMore;
            }
            while (more);
        }

        var writers = Task.WhenAll(
            WriteAndUpdateAsync(firstVaults, vault.VaultId, "one"),
            WriteAndUpdateAsync(secondVaults, vault.VaultId, "two"));
        while (!writers.IsCompleted) await SyncOnceAsync();
        var acknowledged = (await writers).SelectMany(w => w).ToList();
        await SyncOnceAsync();

        Assert.That(acknowledged, Has.Count.EqualTo(2 * EntriesPerWriter));
        Assert.Multiple(() =>
        {
            foreach (var write in acknowledged)
                Assert.That(seen.GetValueOrDefault(write.EntryId), Is.EqualTo(write.Version), $"entry {write.EntryId}");
        });
    }

    private static async Task<List<string>> WriteAsync(VaultOperations vaults, Guid vaultId, string writer)
    {
        var names = new List<string>();
        for (var i = 0; i < EntriesPerWriter; i++)
        {
            var name = $"{writer}-{i:D2}";
            await vaults.AddEntryAsync(vaultId, new EntryData { Name = name });
            names.Add(name);
        }

        return names;
    }

    private static async Task<List<SavedEntry>> WriteAndUpdateAsync(VaultOperations vaults, Guid vaultId, string writer)
    {
        var saved = new List<SavedEntry>();
        for (var i = 0; i < EntriesPerWriter; i++)
        {
            var added = await vaults.AddEntryAsync(vaultId, new EntryData { Name = $"{writer}-{i:D2}" });
            saved.Add(i % 3 == 0 ? await vaults.UpdateEntryAsync(vaultId, added.EntryId, added.Version, new EntryData { Name = $"{writer}-{i:D2}b" }) : added);
        }

        return saved;
    }

    private static async Task<bool> Outcome(Task<SavedEntry> write)
    {
        try
        {
            await write;
            return true;
        }
        catch (EntryConflictException)
        {
            return false;
        }
    }
}
