using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PasswordManager.IntegrationTests.Infrastructure;
using static PasswordManager.IntegrationTests.Vault.Attachments.TestAttachments;

namespace PasswordManager.IntegrationTests.Vault.Attachments;

/// <summary>Attachments on the S3 blob store (s3rver), including presigned download URLs.</summary>
public sealed class AttachmentsS3HttpTests : TestBase
{
    [Test]
    public async Task ShouldRoundTripAMultiMebibyteAttachment()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(S3);
        using var client = Client(S3, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        var body = RandomBody((6 * 1024 * 1024) + 321);

        var created = await UploadAsync(client, vaultId, entryId, attachmentId, body);

        Assert.That(created.GetProperty("size").GetInt64(), Is.EqualTo(body.Length));
        Assert.That(await DownloadAsync(client, vaultId, entryId, attachmentId), Is.EqualTo(body));
    }

    [Test]
    public async Task ShouldIssueAShortLivedPresignedUrlThatDownloadsTheSameBytes()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(S3);
        using var client = Client(S3, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        var body = RandomBody((3 * 1024 * 1024) + 7);
        await UploadAsync(client, vaultId, entryId, attachmentId, body);

        var link = await client.GetFromJsonAsync<JsonElement>(PathOf(vaultId, entryId, attachmentId) + "/url");
        using var plain = new HttpClient();
        var fetched = await plain.GetByteArrayAsync(new Uri(link.GetProperty("url").GetString()!));

        Assert.That(fetched, Is.EqualTo(body));
        Assert.That(link.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow.AddMinutes(5)).Within(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task ShouldDeleteTheBlobSoThePresignedUrlStopsWorking()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(S3);
        using var client = Client(S3, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        await UploadAsync(client, vaultId, entryId, attachmentId, RandomBody(5000));
        var link = await client.GetFromJsonAsync<JsonElement>(PathOf(vaultId, entryId, attachmentId) + "/url");

        using var deleted = await client.DeleteAsync(PathOf(vaultId, entryId, attachmentId));
        using var plain = new HttpClient();
        using var fetched = await plain.GetAsync(new Uri(link.GetProperty("url").GetString()!));

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await TestDatabase.CountAsync("vault.blob_garbage"), Is.Zero);
    }

    [Test]
    public async Task ShouldNotIssueAUrlToAnotherUser()
    {
        var (alice, vaultId, entryId) = await ArrangeAsync(S3);
        using var client = Client(S3, alice.AccessToken);
        var attachmentId = Guid.NewGuid();
        await UploadAsync(client, vaultId, entryId, attachmentId, RandomBody(5000));
        var mallory = await TestAccounts.RegisterAndLoginAsync("mallory");
        using var malloryClient = Client(S3, mallory.AccessToken);

        using var response = await malloryClient.GetAsync(PathOf(vaultId, entryId, attachmentId) + "/url");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "vault.not_found");
    }
}
