using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Vault.Attachments.TestAttachments;

namespace PasswordManager.IntegrationTests.Vault.Attachments;

/// <summary>Attachments on the filesystem blob store (the default store).</summary>
public sealed class AttachmentsHttpTests : TestBase
{
    [Test]
    public async Task ShouldRoundTripAMultiMebibyteAttachment()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        var body = RandomBody((5 * 1024 * 1024) + 123);

        var created = await UploadAsync(client, vaultId, entryId, attachmentId, body);
        var downloaded = await DownloadAsync(client, vaultId, entryId, attachmentId);
        var list = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(PathOf(vaultId, entryId));

        Assert.That(created.GetProperty("attachmentId").GetGuid(), Is.EqualTo(attachmentId));
        Assert.That(created.GetProperty("size").GetInt64(), Is.EqualTo(body.Length));
        Assert.That(created.GetProperty("keyEpoch").GetInt64(), Is.EqualTo(1));
        Assert.That(created.GetProperty("createdBy").GetGuid(), Is.EqualTo(alice.Account.UserId));
        Assert.That(downloaded, Is.EqualTo(body));
        Assert.That(list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("attachmentId").GetGuid()), Is.EqualTo(new[] { attachmentId }));
        Assert.That(await TestDatabase.CountAsync("vault.blob_garbage"), Is.Zero, "the pending marker goes with the commit");
    }

    [Test]
    public async Task ShouldServeByteRanges()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        var body = RandomBody(100_000);
        await UploadAsync(client, vaultId, entryId, attachmentId, body);

        using var request = new HttpRequestMessage(HttpMethod.Get, PathOf(vaultId, entryId, attachmentId));
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(body[1000..2000]));
    }

    [Test]
    public async Task ShouldNeverShowAPartialBlobUnderTheFinalKey()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        var body = RandomBody(3 * 1024 * 1024);
        var resume = new TaskCompletionSource();
        using var content = new PausingContent(body, body.Length / 2, resume.Task);

        var upload = client.PutAsync(PathOf(vaultId, entryId, attachmentId) + "?keyEpoch=1", content);
        var during = await WaitForAsync(() => BlobFiles(vaultId, attachmentId) is { Length: > 0 } files ? files : null);
        resume.SetResult();
        using var response = await upload;
        var after = BlobFiles(vaultId, attachmentId);

        Assert.That(during, Has.All.StartsWith(".tmp-"), "while the body streams, only a temporary file exists");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(after, Has.Length.EqualTo(1).And.None.StartsWith(".tmp-"));
        Assert.That(await DownloadAsync(client, vaultId, entryId, attachmentId), Is.EqualTo(body));
    }

    [Test]
    public async Task ShouldRefuseADeclaredLengthOverTheLimitAndStoreNothing()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        using var content = Body(new byte[MaxBytes + 1]);

        using var response = await client.PutAsync(PathOf(vaultId, entryId, Guid.NewGuid()) + "?keyEpoch=1", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        await AssertNothingStoredAsync(vaultId);
    }

    [Test]
    public async Task ShouldRefuseAStreamedBodyThatOutgrowsTheLimitAndStoreNothing()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        using var content = new PausingContent(new byte[MaxBytes + 4096], 0, Task.CompletedTask);

        using var response = await client.PutAsync(PathOf(vaultId, entryId, Guid.NewGuid()) + "?keyEpoch=1", content);

        // Kestrel stops the body at the endpoint's limit (RequestSizeLimitMetadata) before the handler's own count does.
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        await AssertNothingStoredAsync(vaultId);
    }

    [Test]
    public async Task ShouldRefuseAnEmptyBody()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        using var content = Body([]);

        using var response = await client.PutAsync(PathOf(vaultId, entryId, Guid.NewGuid()) + "?keyEpoch=1", content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "vault.attachment_empty");
        await AssertNothingStoredAsync(vaultId);
    }

    [Test]
    public async Task ShouldRefuseAnotherContentType()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        using var content = new StringContent("plain text");

        using var response = await client.PutAsync(PathOf(vaultId, entryId, Guid.NewGuid()) + "?keyEpoch=1", content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
        await AssertNothingStoredAsync(vaultId);
    }

    [TestCase(null, HttpStatusCode.BadRequest, "request.validation_failed")]
    [TestCase(2L, HttpStatusCode.Conflict, "vault.stale_key_epoch")]
    public async Task ShouldRefuseAKeyEpochThatIsNotTheVaultsCurrentOne(long? keyEpoch, HttpStatusCode status, string code)
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        using var content = Body(RandomBody(1000));

        using var response = await client.PutAsync(PathOf(vaultId, entryId, Guid.NewGuid()) + (keyEpoch is null ? "" : $"?keyEpoch={keyEpoch}"), content);

        await response.AssertProblemAsync(status, code);
        await AssertNothingStoredAsync(vaultId);
    }

    [Test]
    public async Task ShouldAnswerNotFoundForAnUnknownOrDeletedEntry()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        await UploadAsync(client, vaultId, entryId, attachmentId, RandomBody(1000));
        (await client.DeleteAsync($"/api/v1/vaults/{vaultId}/entries/{entryId}?version=1")).Dispose();

        using var unknown = Body(RandomBody(1000));
        using var toUnknown = await client.PutAsync(PathOf(vaultId, Guid.NewGuid(), Guid.NewGuid()) + "?keyEpoch=1", unknown);
        using var deleted = Body(RandomBody(1000));
        using var toDeleted = await client.PutAsync(PathOf(vaultId, entryId, Guid.NewGuid()) + "?keyEpoch=1", deleted);
        using var read = await client.GetAsync(PathOf(vaultId, entryId, attachmentId));
        using var list = await client.GetAsync(PathOf(vaultId, entryId));

        await toUnknown.AssertProblemAsync(HttpStatusCode.NotFound, "vault.entry_not_found");
        await toDeleted.AssertProblemAsync(HttpStatusCode.NotFound, "vault.entry_not_found");
        await read.AssertProblemAsync(HttpStatusCode.NotFound, "vault.entry_not_found");
        await list.AssertProblemAsync(HttpStatusCode.NotFound, "vault.entry_not_found");
        Assert.That(await TestDatabase.CountAsync("vault.attachments"), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldNotReachAnEntryOfAnotherVaultThroughAVaultICanWrite()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        var (mallory, malloryVault, _) = await ArrangeAsync(FileSystem, "mallory");
        using var aliceClient = Client(FileSystem, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        await UploadAsync(aliceClient, vaultId, entryId, attachmentId, RandomBody(1000));
        using var client = Client(FileSystem, mallory.AccessToken);

        using var content = Body(RandomBody(1000));
        using var write = await client.PutAsync(PathOf(malloryVault, entryId, Guid.NewGuid()) + "?keyEpoch=1", content);
        using var read = await client.GetAsync(PathOf(malloryVault, entryId, attachmentId));

        await write.AssertProblemAsync(HttpStatusCode.NotFound, "vault.entry_not_found");
        await read.AssertProblemAsync(HttpStatusCode.NotFound, "vault.entry_not_found");
    }

    [Test]
    public async Task ShouldKeepAttachmentsImmutable()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        var first = RandomBody(1000);
        await UploadAsync(client, vaultId, entryId, attachmentId, first);

        using var content = Body(RandomBody(2000));
        using var again = await client.PutAsync(PathOf(vaultId, entryId, attachmentId) + "?keyEpoch=1", content);

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict, "vault.attachment_exists");
        Assert.That(problem.GetProperty("details").GetProperty("size").GetInt64(), Is.EqualTo(first.Length));
        Assert.That(await DownloadAsync(client, vaultId, entryId, attachmentId), Is.EqualTo(first));
        Assert.That(BlobFiles(vaultId), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task ShouldDeleteTheAttachmentAndItsBlob()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var (kept, deleted) = (Guid.NewGuid(), Guid.NewGuid());
        await UploadAsync(client, vaultId, entryId, kept, RandomBody(1000));
        var created = await UploadAsync(client, vaultId, entryId, deleted, RandomBody(1000));

        using var response = await client.DeleteAsync(PathOf(vaultId, entryId, deleted));
        using var again = await client.DeleteAsync(PathOf(vaultId, entryId, deleted));
        using var read = await client.GetAsync(PathOf(vaultId, entryId, deleted));
        var list = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(PathOf(vaultId, entryId));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var tombstone = await response.ReadJsonAsync();
        Assert.That(tombstone.GetProperty("deleted").GetBoolean(), Is.True);
        Assert.That(tombstone.GetProperty("revision").GetInt64(), Is.GreaterThan(created.GetProperty("revision").GetInt64()));
        await again.AssertProblemAsync(HttpStatusCode.NotFound, "vault.attachment_not_found");
        await read.AssertProblemAsync(HttpStatusCode.NotFound, "vault.attachment_not_found");
        Assert.That(list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("attachmentId").GetGuid()), Is.EqualTo(new[] { kept }));
        Assert.That(BlobFiles(vaultId, deleted), Is.Empty);
        Assert.That(BlobFiles(vaultId, kept), Has.Length.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync("vault.blob_garbage"), Is.Zero);
    }

    [Test]
    public async Task ShouldAnswerThatTheFileSystemStoreIssuesNoPresignedUrls()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(FileSystem);
        using var client = Client(FileSystem, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        await UploadAsync(client, vaultId, entryId, attachmentId, RandomBody(1000));

        using var response = await client.GetAsync(PathOf(vaultId, entryId, attachmentId) + "/url");
        using var unknown = await client.GetAsync(PathOf(vaultId, entryId, Guid.NewGuid()) + "/url");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.presigned_urls_unavailable");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "vault.attachment_not_found");
    }

    private static async Task AssertNothingStoredAsync(Guid vaultId)
    {
        Assert.That(await TestDatabase.CountAsync("vault.attachments"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync("vault.blob_garbage"), Is.Zero);
        Assert.That(BlobFiles(vaultId), Is.Empty);
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            if (probe() is { } value) return value;
            await Task.Delay(25);
        }

        throw new TimeoutException("The condition did not become true within 5 s.");
    }

    /// <summary>A body of unknown length (chunked) that sends its first part, then waits to be told to send the rest.</summary>
    private sealed class PausingContent : HttpContent
    {
        private readonly byte[] body;
        private readonly int pauseAfter;
        private readonly Task resume;

        public PausingContent(byte[] body, int pauseAfter, Task resume)
        {
            (this.body, this.pauseAfter, this.resume) = (body, pauseAfter, resume);
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, pauseAfter));
            await stream.FlushAsync();
            await resume;
            await stream.WriteAsync(body.AsMemory(pauseAfter));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
