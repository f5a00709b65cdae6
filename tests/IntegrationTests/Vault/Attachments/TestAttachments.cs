using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PasswordManager.IntegrationTests.Infrastructure;

namespace PasswordManager.IntegrationTests.Vault.Attachments;

/// <summary>
/// API hosts on real Kestrel (the in-memory test server buffers request bodies and ignores body size limits,
/// which is exactly what these tests are about), with a small attachment limit so over-limit bodies stay cheap:
/// one on the filesystem blob store and, started on first use, one on s3rver. They share the test database
/// with <see cref="TestApp"/>.
/// </summary>
[SetUpFixture]
public sealed class TestAttachments
{
    public const long MaxBytes = 8 * 1024 * 1024;

    private static ApiFactory? fileSystem;
    private static ApiFactory? s3;

    internal static ApiFactory FileSystem => fileSystem ??= OnKestrel(new ApiFactory(Settings()));

    internal static ApiFactory S3 => s3 ??= OnKestrel(new ApiFactory(new Dictionary<string, string?>(Settings())
    {
        ["BlobStore:Kind"] = "S3",
        ["BlobStore:S3:Endpoint"] = TestEnvironment.S3Endpoint,
        ["BlobStore:S3:AccessKey"] = TestEnvironment.S3AccessKey,
        ["BlobStore:S3:SecretKey"] = TestEnvironment.S3SecretKey,
        ["BlobStore:S3:Bucket"] = "pm-attachments-" + Guid.NewGuid().ToString("N")[..12],
    }));

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (fileSystem is not null) await fileSystem.DisposeAsync();
        if (s3 is not null) await s3.DisposeAsync();
        (fileSystem, s3) = (null, null);
    }

    /// <summary>
    /// A client that streams request bodies (the factory's default client buffers them, to replay them on redirects)
    /// and, as large uploads should, asks for 100-continue so a refused upload is answered before its body is sent.
    /// </summary>
    internal static HttpClient Client(ApiFactory factory, string? accessToken)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = factory.ClientOptions.BaseAddress });
        client.DefaultRequestHeaders.ExpectContinue = true;
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    internal static string PathOf(Guid vaultId, Guid entryId, Guid? attachmentId = null) =>
        $"/api/v1/vaults/{vaultId}/entries/{entryId}/attachments" + (attachmentId is { } id ? $"/{id}" : "");

    internal static byte[] RandomBody(int length) => RandomNumberGenerator.GetBytes(length);

    internal static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    internal static async Task<JsonElement> UploadAsync(HttpClient client, Guid vaultId, Guid entryId, Guid attachmentId, byte[] bytes)
    {
        using var content = Body(bytes);
        using var response = await client.PutAsync(PathOf(vaultId, entryId, attachmentId) + "?keyEpoch=1", content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    internal static async Task<byte[]> DownloadAsync(HttpClient client, Guid vaultId, Guid entryId, Guid attachmentId)
    {
        using var response = await client.GetAsync(PathOf(vaultId, entryId, attachmentId));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/octet-stream"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(bytes.Length));
        return bytes;
    }

    /// <summary>A vault of a new account with one live entry.</summary>
    internal static async Task<(LoggedIn Owner, Guid VaultId, Guid EntryId)> ArrangeAsync(ApiFactory factory, string username = "alice")
    {
        var owner = await TestAccounts.RegisterAndLoginAsync(username);
        using var client = Client(factory, owner.AccessToken);
        var vaultId = await TestVaults.CreateAsync(client);
        var entryId = Guid.NewGuid();
        await TestVaults.PutEntryAsync(client, vaultId, entryId, TestVaults.Ciphertext());
        return (owner, vaultId, entryId);
    }

    /// <summary>Files under the filesystem store's folder for one attachment (temporary files included).</summary>
    internal static string[] BlobFiles(Guid vaultId, Guid? attachmentId = null)
    {
        var folder = Path.Combine(FileSystem.DataDirectory, "blobs", "vaults", vaultId.ToString("N"), "attachments");
        if (attachmentId is { } id) folder = Path.Combine(folder, id.ToString("N"));
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).ToArray()
            : [];
    }

    private static ApiFactory OnKestrel(ApiFactory factory)
    {
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Vault:MaxAttachmentBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
