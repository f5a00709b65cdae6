using System.Security.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;

namespace PasswordManager.Client.Crypto.Sharing;

/// <summary>
/// A vault's metadata (its name, as the SDK's JSON) = symmetric envelope under the vault key with
/// AAD = UTF8("pm/v1/vault-metadata|{vaultId}|{keyEpoch}"): the server cannot move metadata to another vault
/// or epoch. The server only checks that it is a v1 symmetric envelope of at most 4 KiB of plaintext.
/// </summary>
public static class VaultMetadataCipher
{
    public const int MaxPlaintextBytes = 4096;

    public static byte[] Encrypt(VaultKey key, ReadOnlySpan<byte> plaintext)
    {
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return Encrypt(key, plaintext, nonce);
    }

    /// <exception cref="DecryptionFailedException">Wrong key, tampered bytes, or metadata of another vault or epoch.</exception>
    public static byte[] Decrypt(VaultKey key, ReadOnlySpan<byte> envelope)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SymmetricEnvelope.Open(key.Key, envelope, AssociatedData.VaultMetadata(key.VaultId, key.Epoch));
    }

    internal static byte[] Encrypt(VaultKey key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (plaintext.Length > MaxPlaintextBytes)
        {
            throw new ArgumentException($"Vault metadata is at most {MaxPlaintextBytes} bytes of plaintext.", nameof(plaintext));
        }

        return SymmetricEnvelope.Seal(key.Key, plaintext, AssociatedData.VaultMetadata(key.VaultId, key.Epoch), nonce);
    }
}
