using System.Net;
using System.Net.Http.Json;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Sharing;

public sealed class OwnershipHttpTests : TestBase
{
    private SharedVault vault = null!;
    private LoggedIn bob = null!;
    private HttpClient bobClient = null!;

    [SetUp]
    public async Task ArrangeAsync()
    {
        vault = await SharedVault.CreateAsync();
        bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(vault.VaultId, bob.Account.UserId, Permission.Admin);
        bobClient = TestApp.CreateClient(bob.AccessToken);
    }

    [TearDown]
    public void Dispose()
    {
        vault.Dispose();
        bobClient.Dispose();
    }

    private string OwnerPath => $"/api/v1/vaults/{vault.VaultId}/owner";

    [Test]
    public async Task ShouldShowTheOwnerAndProtectThemUntilOwnershipIsTransferred()
    {
        var owner = vault.Alice.Account.UserId;
        var shown = await (await vault.ReaderClient.GetAsync($"/api/v1/vaults/{vault.VaultId}")).ReadJsonAsync();

        using var leave = await vault.Admin.DeleteAsync($"/api/v1/vaults/{vault.VaultId}/members/me");
        using var demote = await bobClient.PutAsJsonAsync($"/api/v1/vaults/{vault.VaultId}/members/{owner}",
            new { permission = "write", granterSignature = TestVaults.Signature() });
        using var revoke = await bobClient.PostAsJsonAsync($"/api/v1/vaults/{vault.VaultId}/rekey", await vault.RekeyBodyAsync(1, owner));
        using var transfer = await vault.Admin.PostAsJsonAsync(OwnerPath, new { userId = bob.Account.UserId });
        var transferred = await transfer.ReadJsonAsync();
        using var leaveNow = await vault.Admin.DeleteAsync($"/api/v1/vaults/{vault.VaultId}/members/me");

        Assert.That(shown.GetProperty("ownerId").GetGuid(), Is.EqualTo(owner));
        await leave.AssertProblemAsync(HttpStatusCode.Conflict, "vault.owner_protected");
        await demote.AssertProblemAsync(HttpStatusCode.Conflict, "vault.owner_protected");
        await revoke.AssertProblemAsync(HttpStatusCode.Conflict, "vault.owner_protected");
        Assert.That(transfer.StatusCode, Is.EqualTo(HttpStatusCode.OK), transferred.ToString());
        Assert.That(transferred.GetProperty("ownerId").GetGuid(), Is.EqualTo(bob.Account.UserId));
        Assert.That(leaveNow.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await leaveNow.Content.ReadAsStringAsync());
        var seenByBob = await (await bobClient.GetAsync($"/api/v1/vaults/{vault.VaultId}")).ReadJsonAsync();
        Assert.That(seenByBob.GetProperty("ownerId").GetGuid(), Is.EqualTo(bob.Account.UserId));
    }

    [Test]
    public async Task ShouldSendTheNewOwnerToEveryMembersNextSync()
    {
        var cursor = (await SharedVault.SyncAsync(vault.ReaderClient)).GetProperty("cursor").GetString();

        (await vault.Admin.PostAsJsonAsync(OwnerPath, new { userId = bob.Account.UserId })).Dispose();

        var sync = await SharedVault.SyncAsync(vault.ReaderClient, cursor);
        Assert.That(sync.GetProperty("vaults")[0].GetProperty("ownerId").GetGuid(), Is.EqualTo(bob.Account.UserId));
    }

    [Test]
    public async Task ShouldHandOwnershipOnlyFromTheOwnerToAnActiveAdmin()
    {
        using var toWriter = await vault.Admin.PostAsJsonAsync(OwnerPath, new { userId = vault.Writer.Account.UserId });
        using var toStranger = await vault.Admin.PostAsJsonAsync(OwnerPath, new { userId = Guid.NewGuid() });
        using var byOtherAdmin = await bobClient.PostAsJsonAsync(OwnerPath, new { userId = bob.Account.UserId });
        using var malformed = await vault.Admin.PostAsJsonAsync(OwnerPath, new { userId = Guid.Empty });

        await toWriter.AssertProblemAsync(HttpStatusCode.Conflict, "vault.owner_must_be_admin");
        await toStranger.AssertProblemAsync(HttpStatusCode.NotFound, "vault.member_not_found");
        await byOtherAdmin.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.owner_forbidden");
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "request.validation_failed");
        foreach (var (who, client) in vault.NonAdmins())
        {
            using var response = await client.PostAsJsonAsync(OwnerPath, new { userId = bob.Account.UserId });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), who);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.owner_forbidden");
        }

        foreach (var (who, client, status, code) in await vault.OutsidersAsync())
        {
            using var response = await client.PostAsJsonAsync(OwnerPath, new { userId = bob.Account.UserId });
            Assert.That(response.StatusCode, Is.EqualTo(status), who);
            await response.AssertProblemAsync(status, code);
        }

        var current = await (await vault.Admin.GetAsync($"/api/v1/vaults/{vault.VaultId}")).ReadJsonAsync();
        Assert.That(current.GetProperty("ownerId").GetGuid(), Is.EqualTo(vault.Alice.Account.UserId), "nothing changed");
    }
}
