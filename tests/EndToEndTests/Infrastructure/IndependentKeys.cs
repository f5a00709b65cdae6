using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using PasswordManager.Client.Sdk.Auth.Contracts;

namespace PasswordManager.EndToEndTests.Infrastructure;

/// <summary>
/// Re-derives an account's secrets straight from docs/crypto-format.md with NSec and .NET's HKDF
/// (Client.Crypto keeps them unexportable): master key, authHash, KEK, USK and the two private keys.
/// These are the byte strings a dump must never contain.
/// </summary>
internal sealed record IndependentKeys(byte[] MasterKey, byte[] AuthHash, byte[] Kek, byte[] UserKey, byte[] X25519Private, byte[] Ed25519Seed)
{
    public static IndependentKeys Derive(string password, UnlockMaterial material)
    {
        var masterKey = new byte[32];
        var argon2 = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = material.Kdf.MemoryKiB,
            NumberOfPasses = material.Kdf.Iterations,
        });
        argon2.DeriveBytes(Encoding.UTF8.GetBytes(password), material.KdfSalt, masterKey);

        var authHash = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, [], "pm/v1/auth"u8.ToArray());
        var kek = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, [], "pm/v1/kek"u8.ToArray());
        var userKey = Open(kek, material.EncryptedUserKey, $"pm/v1/usk|{material.UserId:D}");
        var privateKeys = Open(userKey, material.EncryptedPrivateKeys, $"pm/v1/private-keys|{material.UserId:D}");
        return new IndependentKeys(masterKey, authHash, kek, userKey, privateKeys[..32], privateKeys[32..]);
    }

    public IEnumerable<(string Name, byte[] Value)> Secrets() =>
    [
        ("master key", MasterKey), ("authHash", AuthHash), ("KEK", Kek), ("USK", UserKey),
        ("X25519 private key", X25519Private), ("Ed25519 seed", Ed25519Seed),
    ];

    private static byte[] Open(byte[] key, byte[] envelope, string associatedData)
    {
        var aead = AeadAlgorithm.XChaCha20Poly1305;
        using var imported = Key.Import(aead, key, KeyBlobFormat.RawSymmetricKey);
        var nonce = envelope.AsSpan(2, 24);
        return aead.Decrypt(imported, nonce, Encoding.UTF8.GetBytes(associatedData), envelope.AsSpan(26))
            ?? throw new InvalidOperationException($"Could not open the envelope with AAD {associatedData}.");
    }
}
