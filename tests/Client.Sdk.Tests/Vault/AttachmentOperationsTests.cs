using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using PasswordManager.Client.Crypto;
using PasswordManager.Client.Crypto.Attachments;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Sdk.Tests.Support;
using PasswordManager.Client.Sdk.Tokens;
using PasswordManager.Client.Sdk.Vault;
using PasswordManager.Client.Sdk.Vault.Contracts;

namespace PasswordManager.Client.Sdk.Tests.Vault;

/// <summary>Attachments against a fake server that keeps the uploaded bytes (and, where the test says so, swaps them).</summary>
public sealed class AttachmentOperationsTests
{
    private static readonly byte[] content = [.. Enumerable.Range(0, 150_000).Select(i => (byte)(i * 7))];

    [Test]
    public async Task UploadsStreamedCiphertextListsNamesWithARangeRequestAndDownloadsThroughThePresignedUrl()
    {
        using var world = await AttachmentWorld.CreateAsync(presignedUrls: true);

        var uploaded = await world.Attachments.UploadAsync(world.VaultId, world.EntryId, new MemoryStream(content), new AttachmentMetadata("secret-plans.txt", "text/plain"));
        var listed = await world.Attachments.ListAsync(world.VaultId, world.EntryId);
        var output = new MemoryStream();
        var downloaded = await world.Attachments.DownloadAsync(world.VaultId, world.EntryId, uploaded.AttachmentId, output);

        var stored = world.Blobs[uploaded.AttachmentId];
        Assert.Multiple(() =>
        {
            Assert.That(world.ExpectContinue, Is.True, "a refused upload is answered before the body goes out");
            Assert.That(world.DeclaredLength, Is.EqualTo(stored.Length), "a file's ciphertext length is declared up front");
            Assert.That(world.UploadQuery, Is.EqualTo("?keyEpoch=1"));
            Assert.That(stored[..2], Is.EqualTo(new byte[] { 0x01, 0x03 }));
            Assert.That(stored.AsSpan().IndexOf("secret-plans"u8), Is.EqualTo(-1), "the name travels encrypted");
            Assert.That(uploaded.Size, Is.EqualTo(content.Length));
            Assert.That(listed.Single().FileName, Is.EqualTo("secret-plans.txt"));
            Assert.That(listed.Single().MediaType, Is.EqualTo("text/plain"));
            Assert.That(listed.Single().Size, Is.EqualTo(content.Length));
            Assert.That(world.Ranges, Is.EqualTo(new[] { $"bytes=0-{AttachmentFormat.MaxHeaderSize - 1}" }), "only the header is fetched to list");
            Assert.That(output.ToArray(), Is.EqualTo(content));
            Assert.That(downloaded.ViaPresignedUrl, Is.True);
            Assert.That(world.BlobStoreBearers, Is.EqualTo(new string?[] { null }), "no access token goes to the blob store");
        });
    }

    [Test]
    public async Task FallsBackToTheApiWhenTheServerHasNoPresignedUrlsAndRemembersIt()
    {
        using var world = await AttachmentWorld.CreateAsync(presignedUrls: false);
        var uploaded = await world.Attachments.UploadAsync(world.VaultId, world.EntryId, new MemoryStream(content), new AttachmentMetadata("a.bin"));

        var first = await world.Attachments.DownloadAsync(world.VaultId, world.EntryId, uploaded.AttachmentId, new MemoryStream());
        var output = new MemoryStream();
        await world.Attachments.DownloadAsync(world.VaultId, world.EntryId, uploaded.AttachmentId, output);

        Assert.Multiple(() =>
        {
            Assert.That(first.ViaPresignedUrl, Is.False);
            Assert.That(output.ToArray(), Is.EqualTo(content));
            Assert.That(world.Server.Count(world.UrlRoute(uploaded.AttachmentId)), Is.EqualTo(1), "asked for a presigned URL once");
        });
    }

    [Test]
    public async Task RefusesAnAttachmentTheServerMovedFromAnotherIdAndFlagsItInTheListing()
    {
        using var world = await AttachmentWorld.CreateAsync(presignedUrls: false);
        var first = await world.Attachments.UploadAsync(world.VaultId, world.EntryId, new MemoryStream(content), new AttachmentMetadata("one.txt"));
        var second = await world.Attachments.UploadAsync(world.VaultId, world.EntryId, new MemoryStream(content), new AttachmentMetadata("two.txt"));
        world.Blobs[second.AttachmentId] = world.Blobs[first.AttachmentId];

        var listed = await world.Attachments.ListAsync(world.VaultId, world.EntryId);
        var output = new MemoryStream();

        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(a => a.FileName), Is.EqualTo(new[] { "one.txt", null }));
            Assert.That(listed[1].Problem, Does.Contain("file key"));
            Assert.That(
                async () => await world.Attachments.DownloadAsync(world.VaultId, world.EntryId, second.AttachmentId, output),
                Throws.TypeOf<DecryptionFailedException>());
            Assert.That(output.Length, Is.Zero);
        });
    }

    private sealed class AttachmentWorld : IDisposable
    {
        private readonly PmClient client;
        private readonly VaultOperations vaults;
        private readonly AccountKeys keys;
        private readonly ConcurrentDictionary<Guid, AttachmentState> states = new();

        private AttachmentWorld(AccountKeys keys, VaultSummary summary, StubServer server, PmClient client)
        {
            this.keys = keys;
            this.client = client;
            Server = server;
            VaultId = summary.VaultId;
            vaults = client.OpenVaults(keys);
            Attachments = client.OpenAttachments(vaults);
        }

        public StubServer Server { get; }

        public Guid VaultId { get; }

        public Guid EntryId { get; } = Guid.NewGuid();

        public AttachmentOperations Attachments { get; }

        public ConcurrentDictionary<Guid, byte[]> Blobs { get; } = new();

        public List<string> Ranges { get; } = [];

        public List<string?> BlobStoreBearers { get; } = [];

        public bool ExpectContinue { get; private set; }

        public long? DeclaredLength { get; private set; }

        public string? UploadQuery { get; private set; }

        public static async Task<AttachmentWorld> CreateAsync(bool presignedUrls)
        {
            var keys = AccountKeys.Create(Guid.NewGuid());
            using var key = VaultKey.Create(Guid.NewGuid(), 1);
            var grant = key.WrapFor(keys.PublicBundle, AccessPermission.Admin, keys);
            var summary = new VaultSummary(key.VaultId, VaultKind.Shared, 1, 1, null, DateTimeOffset.UtcNow,
                new MemberAccess(keys.UserId, VaultPermission.Admin, 1, grant.WrappedKey, keys.UserId, grant.Signature));
            var store = new InMemoryTokenStore();
            await store.SaveAsync(new SessionTokens(Guid.NewGuid(), "refresh", "access", DateTimeOffset.UtcNow.AddHours(1)), default);
            var server = new StubServer();
            var world = new AttachmentWorld(keys, summary, server, server.CreateClient(store));
            world.Route(summary, presignedUrls);
            return world;
        }

        public string UrlRoute(Guid attachmentId) => $"GET {Path(attachmentId)}/url";

        public void Dispose()
        {
            vaults.Dispose();
            client.Dispose();
            Server.Dispose();
            keys.Dispose();
        }

        private string Path(Guid attachmentId) => $"/api/v1/vaults/{VaultId}/entries/{EntryId}/attachments/{attachmentId}";

        private void Route(VaultSummary summary, bool presignedUrls)
        {
            Server.OnJson($"GET /api/v1/vaults/{VaultId}", summary);
            Server.On($"GET /api/v1/vaults/{VaultId}/entries/{EntryId}/attachments", _ =>
                Task.FromResult(StubServer.Json(HttpStatusCode.OK, new AttachmentList([.. states.Values.OrderBy(s => s.Revision)]))));
            Server.OnUnknown = request => Dispatch(request, presignedUrls);
        }

        private async Task<HttpResponseMessage> Dispatch(HttpRequestMessage request, bool presignedUrls)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.RequestUri.Host == "blob.test")
            {
                BlobStoreBearers.Add(request.Headers.Authorization?.Parameter);
                return Bytes(Blobs[Guid.Parse(path.Split('/')[^1])], null);
            }

            var segments = path.Split('/');
            var last = segments[^1];
            if (request.Method == HttpMethod.Put)
            {
                var id = Guid.Parse(last);
                ExpectContinue = request.Headers.ExpectContinue == true;
                DeclaredLength = request.Content!.Headers.ContentLength;
                UploadQuery = request.RequestUri.Query;
                Blobs[id] = await request.Content.ReadAsByteArrayAsync();
                var state = new AttachmentState(id, EntryId, VaultId, 1, Blobs[id].Length, false, DateTimeOffset.UtcNow, keys.UserId, DateTimeOffset.UtcNow, states.Count + 1);
                states[id] = state;
                return StubServer.Json(HttpStatusCode.Created, state);
            }

            if (last == "url")
            {
                return presignedUrls
                    ? StubServer.Json(HttpStatusCode.OK, new AttachmentUrl(new Uri($"http://blob.test/bucket/{segments[^2]}"), DateTimeOffset.UtcNow.AddMinutes(5)))
                    : StubServer.Problem(HttpStatusCode.NotFound, "vault.presigned_urls_unavailable", "No presigned URLs.");
            }

            var range = request.Headers.Range;
            if (range is not null) Ranges.Add(range.ToString());
            return Bytes(Blobs[Guid.Parse(last)], range);
        }

        private static HttpResponseMessage Bytes(byte[] blob, RangeHeaderValue? range)
        {
            var end = range?.Ranges.Single().To is { } to ? (int)Math.Min(to + 1, blob.Length) : blob.Length;
            return new HttpResponseMessage(range is null ? HttpStatusCode.OK : HttpStatusCode.PartialContent)
            {
                Content = new ByteArrayContent(blob[..end]),
            };
        }
    }
}
