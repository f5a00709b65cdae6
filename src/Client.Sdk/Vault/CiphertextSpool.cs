using PasswordManager.Client.Crypto.History;

namespace PasswordManager.Client.Sdk.Vault;

/// <summary>
/// A ciphertext written to a temporary file (deleted on dispose) while it is hashed: a write's history record names the
/// SHA-256 of the stored body, and it travels in a header, before the body.
/// </summary>
internal sealed class CiphertextSpool : IAsyncDisposable
{
    private CiphertextSpool(FileStream file, byte[] contentHash)
    {
        File = file;
        ContentHash = contentHash;
    }

    public FileStream File { get; }

    public byte[] ContentHash { get; }

    public long Length => File.Length;

    public static async Task<CiphertextSpool> WriteAsync(Stream ciphertext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"pm-{Guid.NewGuid():N}.spool"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var hasher = HistoryHashes.CreateContentHasher();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await ciphertext.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return new CiphertextSpool(file, hasher.Finish());
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => File.DisposeAsync();
}
