using System.Security.Cryptography;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.History;

/// <summary>The hashes history records name (docs/crypto-format.md §21.1): all SHA-256.</summary>
public static class HistoryHashes
{
    /// <summary>SHA-256 of an entry ciphertext as stored (§8).</summary>
    public static byte[] Ciphertext(ReadOnlySpan<byte> ciphertext) => SHA256.HashData(ciphertext);

    /// <summary>SHA-256 of a whole stored attachment body (§18).</summary>
    public static byte[] Content(ReadOnlySpan<byte> storedBody) => SHA256.HashData(storedBody);

    /// <summary>SHA-256 of a whole stored attachment body read to its end from <paramref name="storedBody"/>.</summary>
    public static Task<byte[]> ContentAsync(Stream storedBody, CancellationToken cancellationToken = default) =>
        SHA256.HashDataAsync(storedBody, cancellationToken).AsTask();

    /// <summary>SHA-256 of the canonical message (§9) of an access record.</summary>
    public static byte[] AccessRecord(Guid vaultId, Guid recipientId, long keyEpoch, AccessPermission permission, ReadOnlySpan<byte> wrappedKey) =>
        SHA256.HashData(AccessSignature.CanonicalMessage(vaultId, recipientId, keyEpoch, permission, wrappedKey));

    /// <summary>SHA-256 of the canonical message (§9) of <paramref name="grant"/>.</summary>
    public static byte[] AccessRecord(AccessGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return AccessRecord(grant.VaultId, grant.RecipientId, grant.KeyEpoch, grant.Permission, grant.WrappedKey);
    }

    /// <summary>A hasher fed while an attachment body streams past (upload or download).</summary>
    public static ContentHasher CreateContentHasher() => new();
}

/// <summary>Incremental SHA-256 of a stored body: <see cref="Append"/> every chunk in order, then <see cref="Finish"/>.</summary>
public sealed class ContentHasher : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    internal ContentHasher()
    {
    }

    /// <summary>Number of bytes appended so far.</summary>
    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        Length += bytes.Length;
    }

    /// <summary>The SHA-256 of everything appended; the hasher starts over afterwards.</summary>
    public byte[] Finish()
    {
        Length = 0;
        return hash.GetHashAndReset();
    }

    public void Dispose() => hash.Dispose();
}
