using System.Security.Cryptography;
using PasswordManager.Domain.Encryption;
using PasswordManager.Domain.Encryption.Crypto;

namespace PasswordManager.Application.Encryption.Operations;

/// <summary>A ciphertext as the <c>/v1</c> contract returns it.</summary>
/// <remarks><see cref="CipherText"/> travels as a base64 JSON string, written straight from the bytes.</remarks>
public sealed record CipherItem(byte[] CipherText, string EncryptionId, Guid EncryptionVersionId, string Algorithm, CipherMetadata Metadata);

/// <summary>What decryption needs besides the ciphertext: the 12-byte nonce (base64).</summary>
public sealed record CipherMetadata(string Nonce);

/// <summary>A ciphertext sent back for decryption or rewrapping.</summary>
public sealed record CipherInput(string CipherText, Guid EncryptionVersionId, CipherMetadata? Metadata);

public sealed record EncryptResult(IReadOnlyList<CipherItem> Items);

internal static class DataCipher
{
    public static CipherItem Encrypt(EncryptionContextSnapshot context, KeyVersionSnapshot version, DataKey key, ReadOnlySpan<byte> data)
    {
        Span<byte> nonce = stackalloc byte[Aes256Gcm.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        var sealedBytes = new byte[data.Length + Aes256Gcm.TagSize];
        key.Seal(nonce, data, EncryptionAad.ForData(context.TenantId, context.EncryptionId, version.Id), sealedBytes);
        return new CipherItem(
            sealedBytes, context.EncryptionId, version.Id, Aes256Gcm.Algorithm, new CipherMetadata(Convert.ToBase64String(nonce)));
    }

    /// <summary>Null when the ciphertext, nonce, version or context do not match.</summary>
    public static byte[]? Decrypt(EncryptionContextSnapshot context, KeyVersionSnapshot version, DataKey key, CipherInput input) =>
        key.Open(
            Convert.FromBase64String(input.Metadata!.Nonce),
            Convert.FromBase64String(input.CipherText),
            EncryptionAad.ForData(context.TenantId, context.EncryptionId, version.Id));
}
