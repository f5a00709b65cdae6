using System.Security.Cryptography;

namespace PasswordManager.Domain.Encryption.Crypto;

/// <summary>
/// An unwrapped key version's AES-256-GCM key, as <see cref="Aes256Gcm"/> uses it, that keeps a few ready cipher
/// contexts: setting up an OpenSSL context with the key costs more than sealing a kilobyte with it, so concurrent
/// calls each take an idle context and give it back (a context is not safe for two calls at once).
/// </summary>
public sealed class DataKey
{
    private readonly byte[] key;
    private readonly AesGcm?[] idle = new AesGcm?[Environment.ProcessorCount * 2];

    public DataKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != Aes256Gcm.KeySize) throw new ArgumentException($"AES-256-GCM needs a {Aes256Gcm.KeySize}-byte key.", nameof(key));
        this.key = key.ToArray();
    }

    /// <summary>Writes <c>ciphertext || tag</c> to the first <c>plaintext.Length + 16</c> bytes of <paramref name="destination"/>.</summary>
    public void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        Aes256Gcm.CheckNonce(nonce);
        var aes = Rent();
        try
        {
            Aes256Gcm.Seal(aes, nonce, plaintext, associatedData, destination);
        }
        finally
        {
            Return(aes);
        }
    }

    /// <summary>Opens <c>ciphertext || tag</c>; null when anything (key, nonce, data, AAD, tag) does not match.</summary>
    public byte[]? Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        Aes256Gcm.CheckNonce(nonce);
        if (sealedBytes.Length < Aes256Gcm.TagSize) return null;
        var aes = Rent();
        try
        {
            return Aes256Gcm.Open(aes, nonce, sealedBytes, associatedData);
        }
        finally
        {
            Return(aes);
        }
    }

    private AesGcm Rent()
    {
        for (var i = 0; i < idle.Length; i++)
        {
            if (Interlocked.Exchange(ref idle[i], null) is { } ready) return ready;
        }

        return new AesGcm(key, Aes256Gcm.TagSize);
    }

    private void Return(AesGcm aes)
    {
        for (var i = 0; i < idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref idle[i], aes, null) is null) return;
        }

        aes.Dispose();
    }
}
