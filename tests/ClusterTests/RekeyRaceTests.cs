using System.Net;
using PasswordManager.Client.Sdk;
using PasswordManager.Client.Sdk.Sharing;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.ClusterTests;

/// <summary>A revocation (re-key) on one replica while the owner's other device writes through the other.</summary>
[CancelAfter(120_000)]
public sealed class RekeyRaceTests
{
    [Test]
    public async Task ARekeyRacingWritesOnTheOtherReplicaLosesNoAcknowledgedWrite()
    {
        var alice = await ClusterClients.RegisterAsync("rekey-a");
        var bob = await ClusterClients.RegisterAsync("rekey-b");
        using var owner = ClusterClients.Connect(ClusterFixture.Replicas[0].Address);
        using var writer = ClusterClients.Connect(ClusterFixture.Replicas[1].Address);
        using var bobClient = ClusterClients.Connect(ClusterFixture.Balancer);
        using var ownerAccount = await ClusterClients.LoginAsync(owner, alice);
        using var writerAccount = await ClusterClients.LoginAsync(writer, alice);
        using var bobAccount = await ClusterClients.LoginAsync(bobClient, bob);
        using var ownerVaults = owner.OpenVaults(ownerAccount.Keys, username: alice);
        var writerVaults = writer.OpenVaults(writerAccount.Keys, username: alice);
        var sharing = owner.OpenSharing(ownerVaults);
        var vault = await ownerVaults.CreateVaultAsync("Team");
        await ownerVaults.AddEntriesAsync(vault.VaultId, [.. Enumerable.Range(1, 20).Select(i => new EntryData { Name = $"before-{i:D2}" })]);
        var bobMember = await sharing.ShareAsync(vault.VaultId, bob, VaultPermission.Write);

        var acknowledged = new List<SavedEntry>();
        var refused = 0;
        var revoke = sharing.RevokeAsync(vault.VaultId, [bobMember.UserId]);
        for (var i = 0; i < 15 && (i < 3 || !revoke.IsCompleted); i++)
        {
            try
            {
                acknowledged.Add(await writerVaults.AddEntryAsync(vault.VaultId, new EntryData { Name = $"during-{i:D2}" }));
            }
            catch (Exception refusal) when (refusal is EntryConflictException or PmApiException { Status: HttpStatusCode.Conflict })
            {
                // The vault moved to a new key under this device: open it again, as pm does after a 409.
                refused++;
                writerVaults.Dispose();
                writerVaults = writer.OpenVaults(writerAccount.Keys, username: alice);
            }
        }

        writerVaults.Dispose();
        RevokeResult revoked;
        var refusedRekeys = 0;
        try
        {
            revoked = await revoke;
        }
        catch (PmApiException mismatch) when (mismatch.Code == "vault.rekey_mismatch")
        {
            // The writes kept changing the vault under both of the client's attempts: the re-key is refused whole,
            // nothing applied (still epoch 1), and goes through once the writer is quiet.
            refusedRekeys++;
            Assert.That((await owner.Vaults.GetVaultAsync(vault.VaultId)).Access.KeyEpoch, Is.EqualTo(1));
            revoked = await sharing.RevokeAsync(vault.VaultId, [bobMember.UserId]);
        }

        TestContext.Progress.WriteLine($"re-key: {revoked.Entries} entries at epoch {revoked.KeyEpoch} after {revoked.Attempts} attempt(s), "
            + $"{refusedRekeys} refused whole; racing writes: {acknowledged.Count} acknowledged, {refused} refused with 409");

        using var reader = ClusterClients.Connect(ClusterFixture.Balancer);
        using var readerAccount = await ClusterClients.LoginAsync(reader, alice);
        using var readerVaults = reader.OpenVaults(readerAccount.Keys, username: alice);
        var entries = await readerVaults.ListEntriesAsync(vault.VaultId);
        var states = new List<EntryState>();
        string? cursor = null;
        SyncChangesResult page;
        do
        {
            page = await reader.Vaults.SyncAsync(cursor);
            states.AddRange(page.Entries.Select(e => e.Entry).Where(e => e.VaultId == vault.VaultId));
            cursor = page.Cursor;
        }
        while (page.HasMore);

        var bobView = await bobClient.Vaults.SyncAsync(null);
        Assert.Multiple(() =>
        {
            Assert.That(revoked.KeyEpoch, Is.EqualTo(2));
            Assert.That(entries.Select(e => e.EntryId), Is.SupersetOf(acknowledged.Select(a => a.EntryId)), "an acknowledged write is missing");
            Assert.That(entries.Select(e => e.Data.Name), Is.SupersetOf(Enumerable.Range(1, 20).Select(i => $"before-{i:D2}")));
            Assert.That(states.Where(s => !s.Deleted).Select(s => s.KeyEpoch), Has.All.EqualTo(2L), "an entry was left under the revoked key");
            Assert.That(bobView.Vaults.Select(v => v.VaultId), Does.Not.Contain(vault.VaultId));
        });
    }
}
