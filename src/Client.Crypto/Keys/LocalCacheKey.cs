using System.Security.Cryptography;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Keys;

/// <summary>
/// The key of a client's local encrypted cache: HKDF-SHA256(IKM = USK, salt = empty, info = UTF8("pm/v1/local-cache")).
/// The cache is a symmetric envelope under it with AAD = UTF8("pm/v1/local-cache|{userId}"), so it is useless
/// without the master password (which unlocks the USK) and cannot be swapped between accounts.
/// </summary>
public sealed class LocalCacheKey : IDisposable
{
    private readonly Key key;

    private LocalCacheKey(Guid userId, Key key)
    {
        UserId = userId;
        this.key = key;
    }

    public Guid UserId { get; }

    public static LocalCacheKey Derive(AccountKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var userKey = new SecretBuffer(EnvelopeFormat.KeySize);
        keys.UserKey.ExportTo(userKey.Span);
        return new LocalCacheKey(keys.UserId, Hkdf.DeriveAeadKey(userKey.Span, [], System.Text.Encoding.UTF8.GetBytes(Labels.LocalCache)));
    }

    public byte[] Seal(ReadOnlySpan<byte> plaintext)
    {
        Span<byte> nonce = stackalloc byte[EnvelopeFormat.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return Seal(plaintext, nonce);
    }

    /// <exception cref="DecryptionFailedException">Another account's cache, another key, or tampered bytes.</exception>
    public byte[] Open(ReadOnlySpan<byte> envelope) => SymmetricEnvelope.Open(key, envelope, AssociatedData.LocalCache(UserId));

    public void Dispose() => key.Dispose();

    internal byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> nonce) =>
        SymmetricEnvelope.Seal(key, plaintext, AssociatedData.LocalCache(UserId), nonce);
}
