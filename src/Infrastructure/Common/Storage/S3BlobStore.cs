using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Infrastructure.Common.Storage;

/// <summary>Blobs in an S3-compatible bucket (MinIO, AWS S3, s3rver in tests) through the MinIO SDK.</summary>
internal sealed class S3BlobStore(IMinioClient client, S3Options options) : IBlobStore
{
    private int bucketReady;

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        BlobKey.EnsureValid(key);
        await EnsureBucketAsync(cancellationToken);
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

            await client.PutObjectAsync(
                new PutObjectArgs()
                    .WithBucket(options.Bucket)
                    .WithObject(key)
                    .WithStreamData(upload)
                    .WithObjectSize(upload.Length - upload.Position)
                    .WithContentType("application/octet-stream"),
                cancellationToken);
        }
        finally
        {
            if (spool is not null) await spool.DisposeAsync();
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        BlobKey.EnsureValid(key);
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

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        BlobKey.EnsureValid(key);
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

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        BlobKey.EnsureValid(key);
        await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(options.Bucket).WithObject(key), cancellationToken);
    }

    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(options.Bucket), cancellationToken))
            await EnsureBucketAsync(cancellationToken);
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref bucketReady) == 1) return;
        if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(options.Bucket), cancellationToken))
            await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(options.Bucket).WithLocation(options.Region), cancellationToken);
        Volatile.Write(ref bucketReady, 1);
    }
}
