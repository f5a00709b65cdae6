using System.Net;
using PasswordManager.Application.Vault.Sync;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Sync;

/// <summary>A cursor naming a revision the vault never reached (e.g. after a database restore) is not trusted.</summary>
public sealed class SyncCursorAheadHttpTests : TestBase
{
    [Test]
    public async Task ShouldAskForAResyncOfAVaultWhoseCursorIsAheadOfTheServer()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        await TestVaults.PutEntryAsync(client, vaultId, Guid.NewGuid(), TestVaults.Ciphertext());
        var future = SyncCursor.Format(new Dictionary<Guid, long> { [vaultId] = 1_000 });

        using var response = await client.GetAsync($"/api/v1/sync?cursor={future}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "vault.resync_required");
        Assert.That(problem.GetProperty("details").GetProperty("vaultId").GetGuid(), Is.EqualTo(vaultId));
    }

    [Test]
    public async Task ShouldAcceptACursorAtTheVaultsCurrentRevision()
    {
        var alice = await TestAccounts.RegisterAndLoginAsync("alice");
        using var client = TestApp.CreateClient(alice.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var written = await TestVaults.PutEntryAsync(client, vaultId, Guid.NewGuid(), TestVaults.Ciphertext());
        var current = SyncCursor.Format(new Dictionary<Guid, long> { [vaultId] = written.GetProperty("revision").GetInt64() });

        using var response = await client.GetAsync($"/api/v1/sync?cursor={current}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await response.ReadJsonAsync()).GetProperty("entries").GetArrayLength(), Is.Zero);
    }
}
