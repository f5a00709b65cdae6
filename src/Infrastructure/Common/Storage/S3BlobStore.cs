using System.Net;
using System.Net.Http.Headers;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Infrastructure.Common.Storage;

/// <summary>Blobs in an S3-compatible bucket (MinIO, AWS S3, s3rver in tests) through the MinIO SDK.</summary>
/// <remarks><paramref name="http"/> is the MinIO client's transport too (<see cref="CreateHttpClient"/>); streamed uploads use it directly.</remarks>
internal sealed class S3BlobStore(IMinioClient client, HttpClient http, S3Options options) : IBlobStore, IDisposable
{
    // From 5 MiB on, the SDK's PutObjectAsync uploads in parts it reads into fresh arrays (a 200 MiB attachment
    // allocated 200 MiB and raised the peak RSS by 130 MiB), so such objects go up in one streamed PUT to a
    // presigned URL instead, up to S3's single-PUT limit.
    private const long StreamedPutFrom = 5L * 1024 * 1024;
    private const long SinglePutLimit = 5L * 1024 * 1024 * 1024;
    private readonly SemaphoreSlim bucketCreation = new(1, 1);
    private int bucketReady;

    /// <summary>
    /// The transport: connections bounded by <see cref="S3Options.ConnectTimeout"/>; no overall bound here, since the MinIO
    /// client bounds each of its requests (<see cref="S3Options.RequestTimeout"/>) and a streamed upload may take long.
    /// </summary>
    public static HttpClient CreateHttpClient(S3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new HttpClient(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        BlobKey.EnsureValid(key);
        return Guard(_ => PutCheckedAsync(key, content, cancellationToken), cancellationToken, bounded: false);
    }

    /// <remarks>
    /// Each request to the store is bounded on its own, not the reading of the caller's stream; a streamed upload is bounded
    /// by the caller only (<see cref="S3Options.RequestTimeout"/> says why).
    /// </remarks>
    private async Task PutCheckedAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        using (var bucketBound = Bound(cancellationToken))
            await EnsureBucketAsync(bucketBound.Token);
        Stream upload = content;
        FileStream? spool = null;
        try
        {
            if (!content.CanSeek)
            {
                // S3 needs the length up front; spool unknown-length streams to disk, never to memory.
                spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                await content.CopyToAsync(spool, cancellationToken);
                spool.Position = 0;
                upload = spool;
            }

            var length = upload.Length - upload.Position;
            if (length is >= StreamedPutFrom and <= SinglePutLimit)
            {
                await PutStreamedAsync(key, upload, length, cancellationToken);
                return;
            }

            using var bound = Bound(cancellationToken);
            await client.PutObjectAsync(
                new PutObjectArgs()
                    .WithBucket(options.Bucket)
                    .WithObject(key)
                    .WithStreamData(upload)
                    .WithObjectSize(length)
                    .WithContentType("application/octet-stream"),
                bound.Token);
        }
        finally
        {
            if (spool is not null) await spool.DisposeAsync();
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        BlobKey.EnsureValid(key);
        return Guard(bounded => OpenReadCheckedAsync(key, bounded), cancellationToken);
    }

    private async Task<Stream?> OpenReadCheckedAsync(string key, CancellationToken cancellationToken)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            await client.GetObjectAsync(
                new GetObjectArgs()
                    .WithBucket(options.Bucket)
                    .WithObject(key)
                    .WithCallbackStream((body, ct) => body.CopyToAsync(spool, ct)),
                cancellationToken);
            spool.Position = 0;
            return spool;
        }
        catch (Exception e) when (e is ObjectNotFoundException or BucketNotFoundException)
        {
            await spool.DisposeAsync();
            return null;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        BlobKey.EnsureValid(key);
        return Guard(bounded => ExistsCheckedAsync(key, bounded), cancellationToken);
    }

    private async Task<bool> ExistsCheckedAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.StatObjectAsync(new StatObjectArgs().WithBucket(options.Bucket).WithObject(key), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is ObjectNotFoundException or BucketNotFoundException)
        {
            return false;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        BlobKey.EnsureValid(key);
        return Guard(bounded => client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(options.Bucket).WithObject(key), bounded), cancellationToken);
    }

    public async Task<Uri?> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        BlobKey.EnsureValid(key);
        // Signed locally (no request to the store); the URL names the endpoint this server is configured with.
        var url = await client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(options.Bucket)
            .WithObject(key)
            .WithExpiry((int)Math.Ceiling(lifetime.TotalSeconds)));
        return new Uri(url);
    }

    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        using var bound = Bound(cancellationToken);
        if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(options.Bucket), bound.Token))
            await EnsureBucketAsync(bound.Token);
    }

    /// <summary>
    /// Runs an operation with a token that also ends after <see cref="S3Options.RequestTimeout"/> (whatever the MinIO client
    /// does internally, e.g. several requests or retries for one call). Every failure of the store itself (connection
    /// refused, timeout, an error answer) becomes one exception the Api answers with 503 (ADR-0030); the caller's own
    /// cancellation stays a cancellation.
    /// </summary>
    private async Task<T> Guard<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken, bool bounded = true)
    {
        using var bound = bounded ? Bound(cancellationToken) : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await operation(bound.Token);
        }
        catch (Exception e) when (e is not ArgumentException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new BlobStoreUnavailableException("The S3 blob store failed: " + e.Message, e);
        }
    }

    private async Task Guard(Func<CancellationToken, Task> operation, CancellationToken cancellationToken, bool bounded = true) =>
        await Guard(
            async token =>
            {
                await operation(token);
                return true;
            },
            cancellationToken,
            bounded);

    private CancellationTokenSource Bound(CancellationToken cancellationToken)
    {
        var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(options.RequestTimeout);
        return bound;
    }

    private async Task PutStreamedAsync(string key, Stream content, long length, CancellationToken cancellationToken)
    {
        var url = await client.PresignedPutObjectAsync(
            new PresignedPutObjectArgs().WithBucket(options.Bucket).WithObject(key).WithExpiry(15 * 60));
        using var body = new LengthStreamContent(content, length);
        using var response = await http.PutAsync(new Uri(url), body, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new IOException($"The S3 store refused {key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <remarks>
    /// The first writes of a fresh store race to create the bucket: within a process they wait for one attempt, and a
    /// creation that failed because another replica created the bucket first counts as done.
    /// </remarks>
    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref bucketReady) == 1) return;
        await bucketCreation.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref bucketReady) == 1) return;
            if (!await BucketExistsAsync(cancellationToken))
            {
                try
                {
                    await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(options.Bucket).WithLocation(options.Region), cancellationToken);
                }
                catch (MinioException)
                {
                    if (!await BucketExistsAsync(cancellationToken)) throw;
                }
            }

            Volatile.Write(ref bucketReady, 1);
        }
        finally
        {
            bucketCreation.Release();
        }
    }

    public void Dispose() => bucketCreation.Dispose();

    private Task<bool> BucketExistsAsync(CancellationToken cancellationToken) =>
        client.BucketExistsAsync(new BucketExistsArgs().WithBucket(options.Bucket), cancellationToken);

    /// <summary>Sends <c>length</c> bytes of a stream it does not own (and so does not dispose).</summary>
    private sealed class LengthStreamContent : HttpContent
    {
        private readonly Stream content;
        private readonly long length;

        public LengthStreamContent(Stream content, long length)
        {
            (this.content, this.length) = (content, length);
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            content.CopyToAsync(stream, 81920, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = this.length;
            return true;
        }
    }
}
