namespace PasswordManager.Domain.Vault.Entries;

/// <summary>
/// Where an entry version's ciphertext lives: inline in its metadata row when small (one read serves a sync),
/// otherwise in the blob store under an immutable key.
/// </summary>
public sealed record StoredCiphertext(int Size, byte[]? Inline, string? BlobKey)
{
    public static StoredCiphertext InRow(byte[] ciphertext) => new(ciphertext.Length, ciphertext, null);

    public static StoredCiphertext InBlob(int size, string blobKey) => new(size, null, blobKey);
}
