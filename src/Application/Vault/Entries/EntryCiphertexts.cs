using PasswordManager.Application.Common.Abstractions;
using PasswordManager.Domain.Vault.Entries;
using PasswordManager.Application.Vault.Storage;

namespace PasswordManager.Application.Vault.Entries;

/// <summary>
/// Places entry ciphertexts: inline in the row when small, otherwise in the blob store through
/// <see cref="BlobWrites"/> (written before the metadata commits, superseded ones deleted after it).
/// One instance serves one request.
/// </summary>
public sealed class EntryCiphertexts(BlobWrites writes, IBlobStore blobs, VaultPolicy policy)
{
    /// <summary>Stores a new version's ciphertext; call before taking the vault lock (blob I/O stays outside it).</summary>
    public async Task<StoredCiphertext> StoreAsync(Guid vaultId, Guid entryId, byte[] ciphertext, CancellationToken cancellationToken, TimeSpan? grace = null)
    {
        if (ciphertext.Length <= policy.InlineCiphertextMaxBytes) return StoredCiphertext.InRow(ciphertext);

        // A fresh key per write: two writers racing for the same version never share (and overwrite) a blob.
        var key = $"vaults/{vaultId:N}/entries/{entryId:N}/{Guid.CreateVersion7():N}";
        using var content = new MemoryStream(ciphertext, writable: false);
        await writes.PutAsync(key, content, cancellationToken, grace);
        return StoredCiphertext.InBlob(ciphertext.Length, key);
    }

    /// <summary>Records that <paramref name="ciphertext"/> is no longer referenced once the transaction commits.</summary>
    public void Supersede(StoredCiphertext? ciphertext)
    {
        if (ciphertext?.BlobKey is { } key) writes.Supersede(key);
    }

    public async Task<byte[]> ReadAsync(StoredCiphertext ciphertext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (ciphertext.Inline is not null) return ciphertext.Inline;
        await using var stream = await blobs.OpenReadAsync(ciphertext.BlobKey!, cancellationToken)
            ?? throw new InvalidOperationException($"Blob {ciphertext.BlobKey} is referenced but missing.");
        var buffer = new byte[ciphertext.Size];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }
}
