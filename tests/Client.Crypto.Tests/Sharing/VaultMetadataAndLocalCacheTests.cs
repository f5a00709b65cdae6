using System.Text;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Sharing;

/// <summary>Vectors §13.8 and §13.9 of docs/crypto-format.md, and the contexts each envelope is bound to.</summary>
public sealed class VaultMetadataAndLocalCacheTests
{
    private static Guid UserId => KatFile.Guid("user_id");

    [Test]
    public void ShouldEncryptTheDocumentedVaultMetadata()
    {
        using var dek = VaultKey.Import(KatFile.Guid("vault_id"), KatFile.Int("key_epoch"), KatFile.Hex("dek"));
        var ciphertext = VaultMetadataCipher.Encrypt(dek, KatFile.Hex("vault_metadata_plaintext"), KatFile.Hex("vault_metadata_nonce"));

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(KatFile.Hex("vault_metadata_plaintext")), Is.EqualTo("""{"name":"Personal"}"""));
            Assert.That(AssociatedData.VaultMetadata(dek.VaultId, dek.Epoch), Is.EqualTo(KatFile.Hex("vault_metadata_aad")));
            Assert.That(ciphertext, Is.EqualTo(KatFile.Hex("vault_metadata_ciphertext")));
            Assert.That(VaultMetadataCipher.Decrypt(dek, ciphertext), Is.EqualTo(KatFile.Hex("vault_metadata_plaintext")));
        });
    }

    [Test]
    public void ShouldRefuseVaultMetadataOfAnotherVaultOrEpoch()
    {
        var raw = KatFile.Hex("dek");
        using var otherVault = VaultKey.Import(Guid.NewGuid(), 1, raw);
        using var otherEpoch = VaultKey.Import(KatFile.Guid("vault_id"), 2, raw);
        var ciphertext = KatFile.Hex("vault_metadata_ciphertext");

        Assert.Multiple(() =>
        {
            Assert.That(() => VaultMetadataCipher.Decrypt(otherVault, ciphertext), Throws.TypeOf<DecryptionFailedException>());
            Assert.That(() => VaultMetadataCipher.Decrypt(otherEpoch, ciphertext), Throws.TypeOf<DecryptionFailedException>());
        });
    }

    [Test]
    public void ShouldRefuseOversizedVaultMetadata()
    {
        using var key = VaultKey.Create(Guid.NewGuid(), 1);
        Assert.That(() => VaultMetadataCipher.Encrypt(key, new byte[VaultMetadataCipher.MaxPlaintextBytes + 1]), Throws.ArgumentException);
    }

    [Test]
    public void ShouldDeriveTheDocumentedLocalCacheKeyAndEnvelope()
    {
        using var account = AccountKeys.FromRaw(UserId, KatFile.Hex("user_key"), KatFile.Hex("x25519_private"), KatFile.Hex("ed25519_seed"));
        using var cacheKey = LocalCacheKey.Derive(account);
        var derived = new byte[32];
        Hkdf.DeriveBytes(KatFile.Hex("user_key"), [], "pm/v1/local-cache"u8, derived);
        var sealedCache = cacheKey.Seal(KatFile.Hex("local_cache_plaintext"), KatFile.Hex("local_cache_nonce"));

        Assert.Multiple(() =>
        {
            Assert.That(derived, Is.EqualTo(KatFile.Hex("local_cache_key")));
            Assert.That(AssociatedData.LocalCache(UserId), Is.EqualTo(KatFile.Hex("local_cache_aad")));
            Assert.That(sealedCache, Is.EqualTo(KatFile.Hex("local_cache_ciphertext")));
            Assert.That(cacheKey.Open(sealedCache), Is.EqualTo(KatFile.Hex("local_cache_plaintext")));
        });
    }

    [Test]
    public void ShouldNotOpenAnotherAccountsCache()
    {
        using var mine = AccountKeys.Create(Guid.NewGuid());
        using var theirs = AccountKeys.Create(Guid.NewGuid());
        using var myKey = LocalCacheKey.Derive(mine);
        using var theirKey = LocalCacheKey.Derive(theirs);
        var sealedCache = myKey.Seal("{}"u8);

        Assert.That(() => theirKey.Open(sealedCache), Throws.TypeOf<DecryptionFailedException>());
    }
}
