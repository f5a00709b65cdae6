using System.Net;
using PasswordManager.Domain.Vault.Vaults;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Vault.Attachments.TestAttachments;

namespace PasswordManager.IntegrationTests.Vault.Attachments;

/// <summary>Every attachment endpoint against every kind of caller that must not get through (as VaultAuthorizationHttpTests).</summary>
public sealed class AttachmentAuthorizationHttpTests : TestBase
{
    private const string Collection = "/api/v1/vaults/{vault}/entries/{entry}/attachments";
    private const string Item = Collection + "/{attachment}";

    private static IEnumerable<TestCaseData> ReadEndpoints()
    {
        yield return new TestCaseData("GET", Collection);
        yield return new TestCaseData("GET", Item);
    }

    private static IEnumerable<TestCaseData> WriteEndpoints()
    {
        yield return new TestCaseData("PUT", Collection + "/{new}?keyEpoch=1");
        yield return new TestCaseData("DELETE", Item);
    }

    private static IEnumerable<TestCaseData> AllEndpoints() =>
        ReadEndpoints().Concat(WriteEndpoints()).Append(new TestCaseData("GET", Item + "/url"));

    [TestCaseSource(nameof(AllEndpoints))]
    public async Task ShouldAnswerAnonymousCallersWithUnauthorized(string method, string path)
    {
        var target = await ArrangeAttachmentAsync();

        using var response = await SendAsync(Client(FileSystem, null), method, path, target);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await AssertUnchangedAsync(target);
    }

    [TestCaseSource(nameof(AllEndpoints))]
    public async Task ShouldHideTheVaultFromAnotherUser(string method, string path)
    {
        var target = await ArrangeAttachmentAsync();
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");

        using var response = await SendAsync(Client(FileSystem, mallory.AccessToken), method, path, target);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        await AssertUnchangedAsync(target);
    }

    [TestCaseSource(nameof(AllEndpoints))]
    public async Task ShouldHideTheVaultFromARevokedMember(string method, string path)
    {
        var target = await ArrangeAttachmentAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(target.VaultId, bob.Account.UserId, Permission.Write);
        await TestVaults.RevokeDirectlyAsync(target.VaultId, bob.Account.UserId);

        using var response = await SendAsync(Client(FileSystem, bob.AccessToken), method, path, target);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
        await AssertUnchangedAsync(target);
    }

    [TestCaseSource(nameof(WriteEndpoints))]
    public async Task ShouldForbidWritesToAReadMember(string method, string path)
    {
        var target = await ArrangeAttachmentAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(target.VaultId, bob.Account.UserId, Permission.Read);

        using var response = await SendAsync(Client(FileSystem, bob.AccessToken), method, path, target);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "vault.write_forbidden");
        await AssertUnchangedAsync(target);
    }

    [TestCaseSource(nameof(ReadEndpoints))]
    public async Task ShouldLetAReadMemberRead(string method, string path)
    {
        var target = await ArrangeAttachmentAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(target.VaultId, bob.Account.UserId, Permission.Read);

        using var response = await SendAsync(Client(FileSystem, bob.AccessToken), method, path, target);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [TestCaseSource(nameof(WriteEndpoints))]
    public async Task ShouldLetAWriteMemberWrite(string method, string path)
    {
        var target = await ArrangeAttachmentAsync();
        var bob = await TestAccounts.RegisterAndLoginAsync("bob");
        await TestVaults.GrantDirectlyAsync(target.VaultId, bob.Account.UserId, Permission.Write);

        using var response = await SendAsync(Client(FileSystem, bob.AccessToken), method, path, target);

        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private sealed record Target(Guid VaultId, Guid EntryId, Guid AttachmentId, byte[] Body);

    private static async Task<Target> ArrangeAttachmentAsync()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        var body = RandomBody(4096);
        await UploadAsync(client, vaultId, entryId, attachmentId, body);
        return new Target(vaultId, entryId, attachmentId, body);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, Target target)
    {
        using (client)
        {
            var url = path.Replace("{vault}", target.VaultId.ToString(), StringComparison.Ordinal)
                .Replace("{entry}", target.EntryId.ToString(), StringComparison.Ordinal)
                .Replace("{attachment}", target.AttachmentId.ToString(), StringComparison.Ordinal)
                .Replace("{new}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method == "PUT") request.Content = Body(RandomBody(2048));
            return await client.SendAsync(request);
        }
    }

    private static async Task AssertUnchangedAsync(Target target)
    {
        Assert.That(await TestDatabase.CountAsync("vault.attachments"), Is.EqualTo(1), "no attachment was added");
        Assert.That(await TestDatabase.CountAsync("vault.attachments WHERE deleted"), Is.Zero, "the attachment was not deleted");
        Assert.That(BlobFiles(target.VaultId), Has.Length.EqualTo(1));
    }
}
