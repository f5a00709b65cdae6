using System.Security.Cryptography;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Sharing;

namespace PasswordManager.Client.Crypto.Entries;

/// <summary>
/// Entry ciphertext = symmetric envelope under the vault key with
/// AAD = UTF8("pm/v1/entry|{vaultId}|{entryId}|{keyEpoch}|{version}"), so the server cannot move a
/// ciphertext to another entry, vault or epoch, nor roll an entry back to an older version unnoticed.
/// </summary>
public static class EntryCipher
{
    public static byte[] Encrypt(VaultKey key, Guid entryId, long version, ReadOnlySpan<byte> plaintext)
    {
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return Encrypt(key, entryId, version, plaintext, nonce);
    }

    public static byte[] Decrypt(VaultKey key, Guid entryId, long version, ReadOnlySpan<byte> envelope)
    {
        var plaintext = new byte[GetPlaintextLength(envelope)];
        Decrypt(key, entryId, version, envelope, plaintext);
        return plaintext;
    }

    /// <summary>Decrypts into a caller-owned buffer of exactly <see cref="GetPlaintextLength"/> bytes (zero it after use).</summary>
    public static void Decrypt(VaultKey key, Guid entryId, long version, ReadOnlySpan<byte> envelope, Span<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        Decrypt(key.Key, key.VaultId, entryId, key.Epoch, version, envelope, plaintext);
    }

    /// <summary>Validates the envelope header and returns its plaintext length.</summary>
    public static int GetPlaintextLength(ReadOnlySpan<byte> envelope) => SymmetricEnvelope.GetPlaintextLength(envelope);

    internal static byte[] Encrypt(VaultKey key, Guid entryId, long version, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SymmetricEnvelope.Seal(key.Key, plaintext, AssociatedData.Entry(key.VaultId, entryId, key.Epoch, version), nonce);
    }

    internal static void Decrypt(
        Key key, Guid vaultId, Guid entryId, long keyEpoch, long version, ReadOnlySpan<byte> envelope, Span<byte> plaintext) =>
        SymmetricEnvelope.Open(key, envelope, AssociatedData.Entry(vaultId, entryId, keyEpoch, version), plaintext);
}
