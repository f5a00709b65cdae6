using System.Text;
using Minio;
using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Infrastructure.Common.Storage;

namespace PasswordManager.IntegrationTests.Common.Storage;

/// <summary>One behaviour for every blob store; each adapter runs the same tests against a real backend.</summary>
public abstract class BlobStoreContractTests
{
    protected IBlobStore Store { get; set; } = null!;

    [Test]
    public async Task ShouldReturnWhatWasStored()
    {
        var content = Encoding.UTF8.GetBytes("ciphertext bytes");
        await Store.PutAsync("vaults/v1/entries/e1/1", new MemoryStream(content), CancellationToken.None);

        Assert.That(await ReadAsync("vaults/v1/entries/e1/1"), Is.EqualTo(content));
        Assert.That(await Store.ExistsAsync("vaults/v1/entries/e1/1", CancellationToken.None), Is.True);
    }

    [Test]
    public async Task ShouldStreamLargeObjectsWithoutKnowingTheirLength()
    {
        var content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(content);

        await Store.PutAsync("vaults/v1/attachments/a1", new NonSeekableStream(content), CancellationToken.None);

        Assert.That(await ReadAsync("vaults/v1/attachments/a1"), Is.EqualTo(content));
    }

    [Test]
    public async Task ShouldAnswerNullForAMissingObject()
    {
        Assert.That(await Store.OpenReadAsync("vaults/none/entries/none/1", CancellationToken.None), Is.Null);
        Assert.That(await Store.ExistsAsync("vaults/none/entries/none/1", CancellationToken.None), Is.False);
    }

    [Test]
    public async Task ShouldDeleteAndTolerateDeletingTwice()
    {
        await Store.PutAsync("vaults/v2/entries/e1/1", new MemoryStream([1, 2, 3]), CancellationToken.None);

        await Store.DeleteAsync("vaults/v2/entries/e1/1", CancellationToken.None);
        await Store.DeleteAsync("vaults/v2/entries/e1/1", CancellationToken.None);

        Assert.That(await Store.ExistsAsync("vaults/v2/entries/e1/1", CancellationToken.None), Is.False);
    }

    [TestCase("../outside")]
    [TestCase("vaults/../../etc/passwd")]
    [TestCase("/absolute")]
    [TestCase("Vaults/Upper")]
    [TestCase("vaults//double")]
    [TestCase("")]
    public void ShouldRejectKeysThatAreNotPlainRelativePaths(string key) =>
        Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1]), CancellationToken.None));

    [Test]
    public async Task ShouldReportHealthy() => await Store.CheckHealthAsync(CancellationToken.None);

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
        Assert.That(stream, Is.Not.Null);
        using var buffer = new MemoryStream();
        await stream!.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}

public sealed class FileSystemBlobStoreTests : BlobStoreContractTests
{
    private string root = null!;

    [SetUp]
    public void CreateStore()
    {
        root = Directory.CreateTempSubdirectory("pm-blobs-").FullName;
        Store = new FileSystemBlobStore(root);
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(root, recursive: true);

    [Test]
    public async Task ShouldLeaveNoTemporaryFilesBehind()
    {
        await Store.PutAsync("vaults/v1/entries/e1/1", new MemoryStream([1, 2]), CancellationToken.None);
        await Store.CheckHealthAsync(CancellationToken.None);

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f));

        Assert.That(files, Is.EqualTo(new[] { Path.Combine("vaults", "v1", "entries", "e1", "1") }));
    }
}

public sealed class S3BlobStoreTests : BlobStoreContractTests
{
    private readonly List<IDisposable> owned = [];
    private string bucket = null!;

    [SetUp]
    public void CreateStore()
    {
        bucket = "pm-test-" + Guid.NewGuid().ToString("N")[..12];
        Store = NewReplicaStore();
    }

    [TearDown]
    public void DisposeClients()
    {
        foreach (var disposable in owned) disposable.Dispose();
        owned.Clear();
    }

    [Test]
    public async Task TheFirstWritesOfTwoReplicasToAFreshStoreAllSucceed()
    {
        // Both replicas find no bucket and race to create it: the losers must not fail their writes.
        var other = NewReplicaStore();
        var writes = Enumerable.Range(0, 24).Select(i => (i % 2 == 0 ? Store : other).PutAsync($"race/{i}", new MemoryStream([(byte)i]), CancellationToken.None));

        await Task.WhenAll(writes);

        for (var i = 0; i < 24; i++) Assert.That(await Store.ExistsAsync($"race/{i}", CancellationToken.None), Is.True, $"blob {i}");
    }

    private S3BlobStore NewReplicaStore()
    {
        var options = new S3Options
        {
            Endpoint = Infrastructure.TestEnvironment.S3Endpoint,
            AccessKey = Infrastructure.TestEnvironment.S3AccessKey,
            SecretKey = Infrastructure.TestEnvironment.S3SecretKey,
            Bucket = bucket,
        };
        var http = S3BlobStore.CreateHttpClient(options);
        var client = new MinioClient().WithEndpoint(options.Endpoint).WithCredentials(options.AccessKey, options.SecretKey).WithSSL(false)
            .WithHttpClient(http).WithTimeout((int)options.RequestTimeout.TotalMilliseconds).Build();
        var store = new S3BlobStore(client, http, options);
        owned.AddRange([store, client, http]);
        return store;
    }
}
