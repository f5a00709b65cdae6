using System.Buffers.Binary;
using System.Security.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Keys;

/// <summary>
/// A local unlock (docs/crypto-format.md §19): the unlocked USK sealed under a random session key that is never
/// stored, with its expiry and idle time inside the ciphertext, so that a later process holding the session key
/// unlocks without the master password while whoever holds only the sealed file learns nothing and cannot extend it.
/// </summary>
public static class LocalUnlock
{
    public const int SessionKeySize = 32;

    private const int plaintextSize = sizeof(long) + sizeof(int) + EnvelopeFormat.KeySize;

    /// <summary>A fresh random session key; the caller zeroes it after use.</summary>
    public static byte[] NewSessionKey() => RandomNumberGenerator.GetBytes(SessionKeySize);

    /// <summary>Seals the USK of <paramref name="keys"/> with <paramref name="expiresAt"/> (whole seconds) and <paramref name="idle"/>.</summary>
    public static byte[] Seal(AccountKeys keys, ReadOnlySpan<byte> sessionKey, string binding, DateTimeOffset expiresAt, TimeSpan idle)
    {
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return Seal(keys, sessionKey, binding, expiresAt, idle, nonce);
    }

    /// <summary>
    /// Opens a sealed unlock and the private keys with its USK. A wrong session key, another account, profile or device
    /// (<paramref name="binding"/>), or altered bytes: <see cref="DecryptionFailedException"/>. Expiry is the caller's check.
    /// </summary>
    public static OpenedUnlock Open(
        ReadOnlySpan<byte> sessionKey, ReadOnlySpan<byte> sealedUnlock, Guid userId, string binding, ReadOnlySpan<byte> encryptedPrivateKeys)
    {
        using var key = DeriveKey(sessionKey);
        using var plaintext = new SecretBuffer(plaintextSize);
        if (SymmetricEnvelope.GetPlaintextLength(sealedUnlock) != plaintextSize)
            throw new CryptoFormatException($"A local unlock holds {plaintextSize} bytes.");
        SymmetricEnvelope.Open(key, sealedUnlock, AssociatedData.LocalUnlock(userId, binding), plaintext.Span);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(plaintext.Span));
        var idle = TimeSpan.FromSeconds(BinaryPrimitives.ReadInt32BigEndian(plaintext.Span[sizeof(long)..]));
        var keys = AccountKeys.Unlock(userId, plaintext.Span[(sizeof(long) + sizeof(int))..], encryptedPrivateKeys);
        return new OpenedUnlock(keys, expiresAt, idle);
    }

    internal static byte[] Seal(
        AccountKeys keys, ReadOnlySpan<byte> sessionKey, string binding, DateTimeOffset expiresAt, TimeSpan idle, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(binding);
        if (idle <= TimeSpan.Zero || idle.TotalSeconds > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(idle));
        using var key = DeriveKey(sessionKey);
        using var plaintext = new SecretBuffer(plaintextSize);
        BinaryPrimitives.WriteInt64BigEndian(plaintext.Span, expiresAt.ToUnixTimeSeconds());
        BinaryPrimitives.WriteInt32BigEndian(plaintext.Span[sizeof(long)..], (int)idle.TotalSeconds);
        keys.ExportUserKey(plaintext.Span[(sizeof(long) + sizeof(int))..]);
        return SymmetricEnvelope.Seal(key, plaintext.Span, AssociatedData.LocalUnlock(keys.UserId, binding), nonce);
    }

    private static NSec.Cryptography.Key DeriveKey(ReadOnlySpan<byte> sessionKey)
    {
        if (sessionKey.Length != SessionKeySize) throw new CryptoFormatException($"A session key is {SessionKeySize} bytes.");
        return Hkdf.DeriveAeadKey(sessionKey, [], System.Text.Encoding.UTF8.GetBytes(Labels.LocalUnlock));
    }
}

/// <summary>An opened local unlock: the account keys (dispose them) and the expiry and idle time sealed with them.</summary>
public sealed record OpenedUnlock(AccountKeys Keys, DateTimeOffset ExpiresAt, TimeSpan Idle);
