using System.Security.Cryptography;
using NSec.Cryptography;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Crypto.Primitives;

namespace PasswordManager.Client.Crypto.Keys;

/// <summary>
/// An unlocked account: the User Symmetric Key (USK) and the account's X25519 (encryption) and Ed25519
/// (signing) private keys, all held in libsodium memory. Dispose it when the client locks.
/// </summary>
public sealed class AccountKeys : IDisposable
{
    private const int privateKeysSize = X25519Exchange.KeySize + Ed25519Signer.SeedSize;

    private AccountKeys(Guid userId, SymmetricKey userKey, Key encryptionKey, Key signingKey)
    {
        UserId = userId;
        UserKey = userKey;
        EncryptionKey = encryptionKey;
        SigningKey = signingKey;
        PublicBundle = PublicKeyBundle.Create(userId, encryptionKey, signingKey);
    }

    public Guid UserId { get; }

    /// <summary>This account's self-signed bundle (deterministic: Ed25519 signatures are deterministic).</summary>
    public PublicKeyBundle PublicBundle { get; }

    internal SymmetricKey UserKey { get; }

    internal Key EncryptionKey { get; }

    internal Key SigningKey { get; }

    /// <summary>Fresh random USK, X25519 key pair and Ed25519 key pair for a new account.</summary>
    public static AccountKeys Create(Guid userId)
    {
        var userKey = SymmetricKey.Generate();
        var encryptionKey = X25519Exchange.GeneratePrivateKey();
        var signingKey = Ed25519Signer.GeneratePrivateKey();
        return new AccountKeys(userId, userKey, encryptionKey, signingKey);
    }

    /// <summary>Fixed keys, for known-answer tests.</summary>
    internal static AccountKeys FromRaw(Guid userId, ReadOnlySpan<byte> userKey, ReadOnlySpan<byte> x25519PrivateKey, ReadOnlySpan<byte> ed25519Seed) =>
        new(userId, SymmetricKey.Import(userKey), X25519Exchange.ImportPrivateKey(x25519PrivateKey), Ed25519Signer.ImportSeed(ed25519Seed));

    /// <summary>
    /// Derives the master key from <paramref name="password"/> with a fresh random salt and returns what
    /// registration sends to the server.
    /// </summary>
    public RegistrationMaterial CreateRegistration(ReadOnlySpan<char> password, KdfParameters? kdf = null)
    {
        Span<byte> salt = stackalloc byte[KdfParameters.SaltSize];
        RandomNumberGenerator.Fill(salt);
        return CreateRegistration(password, kdf ?? KdfParameters.Default, salt, RandomNonce(), RandomNonce());
    }

    internal RegistrationMaterial CreateRegistration(
        ReadOnlySpan<char> password,
        KdfParameters kdf,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> userKeyNonce,
        ReadOnlySpan<byte> privateKeysNonce)
    {
        using var masterKey = MasterKey.Derive(password, salt, kdf);
        return new RegistrationMaterial(
            masterKey.DeriveAuthHash(),
            salt.ToArray(),
            kdf,
            WrapUserKey(masterKey, userKeyNonce),
            EncryptPrivateKeys(privateKeysNonce),
            PublicBundle.ToArray());
    }

    /// <summary>Derives the master key and unlocks. Wrong password or tampered data: <see cref="DecryptionFailedException"/>.</summary>
    public static AccountKeys Unlock(
        ReadOnlySpan<char> password,
        ReadOnlySpan<byte> salt,
        KdfParameters kdf,
        Guid userId,
        ReadOnlySpan<byte> encryptedUserKey,
        ReadOnlySpan<byte> encryptedPrivateKeys)
    {
        using var masterKey = MasterKey.Derive(password, salt, kdf);
        return Unlock(masterKey, userId, encryptedUserKey, encryptedPrivateKeys);
    }

    /// <summary>Unlocks with a master key already derived for login (derive once, send authHash, then unlock).</summary>
    public static AccountKeys Unlock(
        MasterKey masterKey, Guid userId, ReadOnlySpan<byte> encryptedUserKey, ReadOnlySpan<byte> encryptedPrivateKeys)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        CheckLength(encryptedUserKey, EnvelopeFormat.EncryptedUserKeySize, "encryptedUserKey");
        CheckLength(encryptedPrivateKeys, EnvelopeFormat.EncryptedPrivateKeysSize, "encryptedPrivateKeys");

        SymmetricKey? userKey = null;
        try
        {
            using (var kek = masterKey.DeriveKek())
            using (var rawUserKey = new SecretBuffer(EnvelopeFormat.KeySize))
            {
                SymmetricEnvelope.Open(kek.Key, encryptedUserKey, AssociatedData.UserKey(userId), rawUserKey.Span);
                userKey = SymmetricKey.Import(rawUserKey.Span);
            }

            return OpenPrivateKeys(userId, userKey, encryptedPrivateKeys);
        }
        catch
        {
            userKey?.Dispose();
            throw;
        }
    }

    /// <summary>Unlocks with a raw USK kept elsewhere (a local unlock, §19); the caller zeroes <paramref name="rawUserKey"/>.</summary>
    internal static AccountKeys Unlock(Guid userId, ReadOnlySpan<byte> rawUserKey, ReadOnlySpan<byte> encryptedPrivateKeys)
    {
        CheckLength(encryptedPrivateKeys, EnvelopeFormat.EncryptedPrivateKeysSize, "encryptedPrivateKeys");
        var userKey = SymmetricKey.Import(rawUserKey);
        try
        {
            return OpenPrivateKeys(userId, userKey, encryptedPrivateKeys);
        }
        catch
        {
            userKey.Dispose();
            throw;
        }
    }

    internal void ExportUserKey(Span<byte> destination) => UserKey.ExportTo(destination);

    private static AccountKeys OpenPrivateKeys(Guid userId, SymmetricKey userKey, ReadOnlySpan<byte> encryptedPrivateKeys)
    {
        Key? encryptionKey = null;
        Key? signingKey = null;
        try
        {
            using (var rawPrivateKeys = new SecretBuffer(privateKeysSize))
            {
                SymmetricEnvelope.Open(userKey.Key, encryptedPrivateKeys, AssociatedData.PrivateKeys(userId), rawPrivateKeys.Span);
                encryptionKey = X25519Exchange.ImportPrivateKey(rawPrivateKeys.Span[..X25519Exchange.KeySize]);
                signingKey = Ed25519Signer.ImportSeed(rawPrivateKeys.Span[X25519Exchange.KeySize..]);
            }

            return new AccountKeys(userId, userKey, encryptionKey, signingKey);
        }
        catch
        {
            encryptionKey?.Dispose();
            signingKey?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Re-wraps the same USK under a KEK derived from <paramref name="newPassword"/> with a fresh salt.
    /// Private keys, bundles and vault keys do not change.
    /// </summary>
    public PasswordChangeMaterial ChangePassword(ReadOnlySpan<char> newPassword, KdfParameters? kdf = null)
    {
        kdf ??= KdfParameters.Default;
        Span<byte> salt = stackalloc byte[KdfParameters.SaltSize];
        RandomNumberGenerator.Fill(salt);
        using var masterKey = MasterKey.Derive(newPassword, salt, kdf);
        return new PasswordChangeMaterial(masterKey.DeriveAuthHash(), salt.ToArray(), kdf, WrapUserKey(masterKey, RandomNonce()));
    }

    /// <summary>
    /// Fresh X25519 and Ed25519 key pairs under the same USK (key rotation, docs/crypto-format.md §6.1): the master
    /// password and the wrapped USK do not change. Dispose the result like any <see cref="AccountKeys"/>.
    /// </summary>
    public AccountKeys WithNewKeyPairs()
    {
        using var rawUserKey = new SecretBuffer(EnvelopeFormat.KeySize);
        UserKey.ExportTo(rawUserKey.Span);
        return new AccountKeys(UserId, SymmetricKey.Import(rawUserKey.Span), X25519Exchange.GeneratePrivateKey(), Ed25519Signer.GeneratePrivateKey());
    }

    /// <summary>The private keys wrapped under the USK with a fresh nonce (<c>encryptedPrivateKeys</c>, §5).</summary>
    public byte[] WrapPrivateKeys() => EncryptPrivateKeys(RandomNonce());

    public void Dispose()
    {
        UserKey.Dispose();
        EncryptionKey.Dispose();
        SigningKey.Dispose();
    }

    internal byte[] WrapUserKey(MasterKey masterKey, ReadOnlySpan<byte> nonce)
    {
        using var kek = masterKey.DeriveKek();
        using var rawUserKey = new SecretBuffer(EnvelopeFormat.KeySize);
        UserKey.ExportTo(rawUserKey.Span);
        return SymmetricEnvelope.Seal(kek.Key, rawUserKey.Span, AssociatedData.UserKey(UserId), nonce);
    }

    internal byte[] EncryptPrivateKeys(ReadOnlySpan<byte> nonce)
    {
        using var rawPrivateKeys = new SecretBuffer(privateKeysSize);
        KeyExport.ExportRaw(EncryptionKey, rawPrivateKeys.Span[..X25519Exchange.KeySize]);
        KeyExport.ExportRaw(SigningKey, rawPrivateKeys.Span[X25519Exchange.KeySize..]);
        return SymmetricEnvelope.Seal(UserKey.Key, rawPrivateKeys.Span, AssociatedData.PrivateKeys(UserId), nonce);
    }

    private static byte[] RandomNonce() => RandomNumberGenerator.GetBytes(EnvelopeFormat.NonceSize);

    private static void CheckLength(ReadOnlySpan<byte> value, int expected, string name)
    {
        if (value.Length != expected)
        {
            throw new CryptoFormatException($"{name} must be {expected} bytes, got {value.Length}.");
        }
    }
}
