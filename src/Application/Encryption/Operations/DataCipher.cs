using System.Buffers;
using System.Security.Cryptography;
using PasswordManager.Domain.Encryption;
using PasswordManager.Domain.Encryption.Crypto;

namespace PasswordManager.Application.Encryption.Operations;

/// <summary>A ciphertext as the <c>/v1</c> contract returns it.</summary>
public sealed record CipherItem(string CipherText, string EncryptionId, Guid EncryptionVersionId, string Algorithm, CipherMetadata Metadata);

/// <summary>What decryption needs besides the ciphertext: the 12-byte nonce (base64).</summary>
public sealed record CipherMetadata(string Nonce);

/// <summary>A ciphertext sent back for decryption or rewrapping.</summary>
public sealed record CipherInput(string CipherText, Guid EncryptionVersionId, CipherMetadata? Metadata);

public sealed record EncryptResult(IReadOnlyList<CipherItem> Items);

internal static class DataCipher
{
    public static CipherItem Encrypt(EncryptionContextSnapshot context, KeyVersionSnapshot version, byte[] key, ReadOnlySpan<byte> data)
    {
        Span<byte> nonce = stackalloc byte[Aes256Gcm.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        var sealedBytes = ArrayPool<byte>.Shared.Rent(data.Length + Aes256Gcm.TagSize);
        try
        {
            var sealedSpan = sealedBytes.AsSpan(0, data.Length + Aes256Gcm.TagSize);
            Aes256Gcm.Seal(key, nonce, data, EncryptionAad.ForData(context.TenantId, context.EncryptionId, version.Id), sealedSpan);
            return new CipherItem(
                Convert.ToBase64String(sealedSpan), context.EncryptionId, version.Id, Aes256Gcm.Algorithm,
                new CipherMetadata(Convert.ToBase64String(nonce)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedBytes);
        }
    }

    /// <summary>
    /// Encrypts base64 <paramref name="data"/> (already validated) decoded into a pooled buffer that is wiped
    /// afterwards, so the plaintext is neither allocated nor left behind on the heap.
    /// </summary>
    public static CipherItem EncryptBase64(EncryptionContextSnapshot context, KeyVersionSnapshot version, byte[] key, string data)
    {
        var capacity = (data.Length * 3 / 4) + 3;
        var plaintext = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            if (!Convert.TryFromBase64String(data, plaintext.AsSpan(0, capacity), out var written))
                throw new FormatException("data is not base64; the validator should have refused it.");
            return Encrypt(context, version, key, plaintext.AsSpan(0, written));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext.AsSpan(0, capacity));
            ArrayPool<byte>.Shared.Return(plaintext);
        }
    }

    /// <summary>Null when the ciphertext, nonce, version or context do not match.</summary>
    public static byte[]? Decrypt(EncryptionContextSnapshot context, KeyVersionSnapshot version, byte[] key, CipherInput input) =>
        Aes256Gcm.Open(
            key,
            Convert.FromBase64String(input.Metadata!.Nonce),
            Convert.FromBase64String(input.CipherText),
            EncryptionAad.ForData(context.TenantId, context.EncryptionId, version.Id));
}
