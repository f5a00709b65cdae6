using PasswordManager.Application.Common.Abstractions;

namespace PasswordManager.Infrastructure.Common.Storage;

/// <summary>
/// Blobs as files under one root. A write goes to a temporary file in the target folder, is flushed to disk
/// and then renamed over the key, so readers never see a partial object, even after a crash. A write that runs
/// out of space removes its temporary file and throws <see cref="BlobStoreFullException"/>.
/// </summary>
internal sealed class FileSystemBlobStore : IBlobStore
{
    private const string TempPrefix = ".tmp-";
    private readonly string root;

    public FileSystemBlobStore(string root)
    {
        this.root = Path.GetFullPath(root);
        Directory.CreateDirectory(this.root);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (IOException e) when (BlobStoreFullException.IsDiskFull(e))
        {
            throw new BlobStoreFullException(e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public Task<Uri?> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        BlobKey.EnsureValid(key);
        return Task.FromResult<Uri?>(null);
    }

    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        var probe = Path.Combine(root, TempPrefix + "health-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(probe, [1], cancellationToken);
        File.Delete(probe);
    }

    private string PathOf(string key)
    {
        BlobKey.EnsureValid(key);
        var path = Path.GetFullPath(Path.Combine(root, key));
        // Defence in depth behind the key pattern: nothing may resolve outside the root.
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException("The blob key escapes the store.", nameof(key));
        return path;
    }
}
