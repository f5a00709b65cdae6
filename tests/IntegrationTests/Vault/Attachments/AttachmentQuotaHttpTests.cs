using System.Net;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Billing.TestBilling;
using static PasswordManager.IntegrationTests.Vault.Attachments.TestAttachments;

namespace PasswordManager.IntegrationTests.Vault.Attachments;

/// <summary>The plan's <c>attachment_bytes</c>, on the filesystem blob store so the blobs can be counted too.</summary>
public sealed class AttachmentQuotaHttpTests : TestBase
{
    private LoggedIn admin = null!;

    [SetUp]
    public async Task ArrangeAdminAsync() => admin = await InstanceAdminAsync();

    [Test]
    public async Task ShouldRefuseAnUploadOverTheLimitStoringNothingAndFreeTheQuotaOnDelete()
    {
        await OverrideAsync(admin, DefaultTenant, "attachment_bytes", "1000");
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var kept = Guid.NewGuid();
        await UploadAsync(client, vaultId, entryId, kept, RandomBody(600));
        var refusedId = Guid.NewGuid();

        using var content = Body(RandomBody(401));
        using var refused = await client.PutAsync(PathOf(vaultId, entryId, refusedId) + "?keyEpoch=1", content);

        await AssertQuotaExceededAsync(refused, "attachment_bytes", 1000, 600);
        Assert.That(await TestDatabase.CountAsync("vault.attachments"), Is.EqualTo(1));
        Assert.That(BlobFiles(vaultId, refusedId), Is.Empty);
        Assert.That(BlobFiles(vaultId), Has.Length.EqualTo(1));
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("attachmentBytes").GetInt64(), Is.EqualTo(600));

        using var delete = await client.DeleteAsync(PathOf(vaultId, entryId, kept));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("attachmentBytes").GetInt64(), Is.Zero);
        var body = RandomBody(1000);
        await UploadAsync(client, vaultId, entryId, refusedId, body);
        Assert.That(await DownloadAsync(client, vaultId, entryId, refusedId), Is.EqualTo(body));
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("attachmentBytes").GetInt64(), Is.EqualTo(1000));
    }

    [Test]
    public async Task ShouldNeverLetParallelUploadsPassTheLimit()
    {
        await OverrideAsync(admin, DefaultTenant, "attachment_bytes", "10000");
        var (alice, firstVault, firstEntry) = await ArrangeAsync(FileSystem);
        var (bob, secondVault, secondEntry) = await ArrangeAsync(FileSystem, "bob");
        using var aliceClient = Client(FileSystem, alice.AccessToken);
        using var bobClient = Client(FileSystem, bob.AccessToken);
        // Two vaults, so the uploads do not all queue on one vault lock: only the tenant's quota row serializes them.
        var targets = new[] { (aliceClient, firstVault, firstEntry), (bobClient, secondVault, secondEntry) };

        var uploads = Enumerable.Range(0, 24).Select(async i =>
        {
            var (client, vaultId, entryId) = targets[i % targets.Length];
            using var content = Body(RandomBody(1000));
            using var response = await client.PutAsync(PathOf(vaultId, entryId, Guid.NewGuid()) + "?keyEpoch=1", content);
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(uploads);

        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(10), FileSystem.Logs.RecentErrors);
        Assert.That(statuses.Count(s => s == HttpStatusCode.Forbidden), Is.EqualTo(14));
        Assert.That(await TestDatabase.CountAsync("vault.attachments"), Is.EqualTo(10));
        Assert.That(BlobFiles(firstVault).Length + BlobFiles(secondVault).Length, Is.EqualTo(10), "no blob of a refused upload is left");
        Assert.That((await UsageAsync(admin, DefaultTenant)).GetProperty("attachmentBytes").GetInt64(), Is.EqualTo(10000));
    }
}
