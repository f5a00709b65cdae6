using System.Text;
using PasswordManager.Client.Crypto.Entries;
using PasswordManager.Client.Crypto.Envelopes;
using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Primitives;
using PasswordManager.Client.Crypto.Sharing;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests;

/// <summary>The vectors of docs/crypto-format.md §13, read from the document itself.</summary>
public sealed class KnownAnswerTests
{
    private static KdfParameters Kdf =>
        new(KatFile.Int("kdf_memory_kib"), KatFile.Int("kdf_iterations"), KatFile.Int("kdf_parallelism"));

    private static string Password => Encoding.UTF8.GetString(KatFile.Hex("password_utf8"));

    private static Guid UserId => KatFile.Guid("user_id");

    [Test]
    public void ShouldReadEveryVectorFromTheFormatDocument()
    {
        TestContext.Progress.WriteLine($"crypto-format.md: {KatFile.Count} known-answer values");
        Assert.That(KatFile.Count, Is.GreaterThanOrEqualTo(40));
    }

    [Test]
    public void ShouldDeriveMasterKeyAuthHashAndKek()
    {
        using var masterKey = MasterKey.Derive(Password, KatFile.Hex("salt"), Kdf);

        Assert.Multiple(() =>
        {
            Assert.That(Password, Is.EqualTo("correct horse battery staple"));
            Assert.That(masterKey.ExportForTests(), Is.EqualTo(KatFile.Hex("master_key")));
            Assert.That(masterKey.DeriveAuthHash(), Is.EqualTo(KatFile.Hex("auth_hash")));
            Assert.That(masterKey.DeriveKekBytes(), Is.EqualTo(KatFile.Hex("kek")));
        });
    }

    [Test]
    public void ShouldHashUnicodePasswordWithoutNormalization()
    {
        var password = Encoding.UTF8.GetString(KatFile.Hex("unicode_password_utf8"));
        Assert.That(password, Is.EqualTo("Pa\u0301sswo\u0308rd \u00e9t\u00e9 \u2603"));

        using var masterKey = MasterKey.Derive(password, KatFile.Hex("salt"), Kdf);

        Assert.That(masterKey.DeriveAuthHash(), Is.EqualTo(KatFile.Hex("unicode_auth_hash")));
    }

    [Test]
    public void ShouldWriteGuidsInBigEndianOrder()
    {
        Span<byte> bytes = stackalloc byte[16];
        WireGuid.Write(UserId, bytes);

        Assert.That(bytes.ToArray(), Is.EqualTo(KatFile.Hex("user_id_bytes")));
        Assert.That(bytes.ToArray(), Is.Not.EqualTo(UserId.ToByteArray()));
    }

    [Test]
    public void ShouldProduceEncryptedUserKeyAndPrivateKeys()
    {
        using var masterKey = MasterKey.Derive(Password, KatFile.Hex("salt"), Kdf);
        using var account = CreateAccount();

        var encryptedUserKey = account.WrapUserKey(masterKey, KatFile.Hex("user_key_nonce"));
        var encryptedPrivateKeys = account.EncryptPrivateKeys(KatFile.Hex("private_keys_nonce"));

        Assert.Multiple(() =>
        {
            Assert.That(encryptedUserKey, Is.EqualTo(KatFile.Hex("encrypted_user_key")));
            Assert.That(encryptedUserKey, Has.Length.EqualTo(74));
            Assert.That(encryptedPrivateKeys, Is.EqualTo(KatFile.Hex("encrypted_private_keys")));
            Assert.That(encryptedPrivateKeys, Has.Length.EqualTo(106));
        });
    }

    [Test]
    public void ShouldUnlockTheDocumentedAccount()
    {
        using var unlocked = AccountKeys.Unlock(
            Password, KatFile.Hex("salt"), Kdf, UserId, KatFile.Hex("encrypted_user_key"), KatFile.Hex("encrypted_private_keys"));

        Assert.That(unlocked.PublicBundle.ToArray(), Is.EqualTo(KatFile.Hex("bundle")));
    }

    [Test]
    public void ShouldProduceBundleAndFingerprint()
    {
        using var account = CreateAccount();
        var bundle = account.PublicBundle.ToArray();

        var parsed = PublicKeyBundle.Parse(KatFile.Hex("bundle"), UserId);

        Assert.Multiple(() =>
        {
            Assert.That(bundle, Is.EqualTo(KatFile.Hex("bundle")));
            Assert.That(bundle, Has.Length.EqualTo(145));
            Assert.That(parsed.X25519PublicKey.ToArray(), Is.EqualTo(KatFile.Hex("x25519_public")));
            Assert.That(parsed.Ed25519PublicKey.ToArray(), Is.EqualTo(KatFile.Hex("ed25519_public")));
            Assert.That(parsed.Fingerprint, Is.EqualTo(KatFile.Text("fingerprint")));
            Assert.That(account.PublicBundle.Fingerprint, Is.EqualTo(KatFile.Text("fingerprint")));
        });
    }

    [Test]
    public void ShouldEncryptAndDecryptTheDocumentedEntry()
    {
        using var dek = VaultKey.Import(KatFile.Guid("vault_id"), KatFile.Int("key_epoch"), KatFile.Hex("dek"));
        var entryId = KatFile.Guid("entry_id");
        var version = KatFile.Int("entry_version");

        var aad = AssociatedData.Entry(dek.VaultId, entryId, dek.Epoch, version);
        var ciphertext = EntryCipher.Encrypt(dek, entryId, version, KatFile.Hex("entry_plaintext"), KatFile.Hex("entry_nonce"));

        Assert.Multiple(() =>
        {
            Assert.That(aad, Is.EqualTo(KatFile.Hex("entry_aad")));
            Assert.That(ciphertext, Is.EqualTo(KatFile.Hex("entry_ciphertext")));
            Assert.That(EntryCipher.Decrypt(dek, entryId, version, KatFile.Hex("entry_ciphertext")), Is.EqualTo(KatFile.Hex("entry_plaintext")));
        });
    }

    [Test]
    public void ShouldSealTheVaultKeyWithTheDocumentedEphemeralKey()
    {
        using var account = CreateAccount();
        using var dek = VaultKey.Import(KatFile.Guid("vault_id"), KatFile.Int("key_epoch"), KatFile.Hex("dek"));
        using var ephemeral = X25519Exchange.ImportPrivateKey(KatFile.Hex("ephemeral_private"));
        var shared = new byte[32];
        var agreed = X25519Exchange.TryAgree(ephemeral, KatFile.Hex("x25519_public"), shared);
        var wrapKey = new byte[32];
        Hkdf.DeriveBytes(shared, [.. KatFile.Hex("ephemeral_public"), .. KatFile.Hex("x25519_public")], "pm/v1/seal"u8, wrapKey);

        var grant = dek.WrapFor(account.PublicBundle, AccessPermission.Admin, account, ephemeral, KatFile.Hex("seal_nonce"));

        Assert.Multiple(() =>
        {
            Assert.That(agreed, Is.True);
            Assert.That(shared, Is.EqualTo(KatFile.Hex("seal_shared_secret")));
            Assert.That(wrapKey, Is.EqualTo(KatFile.Hex("seal_wrap_key")));
            Assert.That(AssociatedData.Seal(dek.VaultId, UserId, dek.Epoch), Is.EqualTo(KatFile.Hex("seal_aad")));
            Assert.That(grant.WrappedKey, Is.EqualTo(KatFile.Hex("wrapped_key")));
            Assert.That(grant.WrappedKey, Has.Length.EqualTo(106));
        });
    }

    [Test]
    public void ShouldSignTheDocumentedAccessRecord()
    {
        using var account = CreateAccount();
        using var dek = VaultKey.Import(KatFile.Guid("vault_id"), KatFile.Int("key_epoch"), KatFile.Hex("dek"));
        using var ephemeral = X25519Exchange.ImportPrivateKey(KatFile.Hex("ephemeral_private"));
        var permission = AccessPermissionNames.Parse(KatFile.Text("permission"));

        var grant = dek.WrapFor(account.PublicBundle, permission, account, ephemeral, KatFile.Hex("seal_nonce"));
        var message = AccessSignature.CanonicalMessage(dek.VaultId, UserId, dek.Epoch, permission, KatFile.Hex("wrapped_key"));

        Assert.Multiple(() =>
        {
            Assert.That(message, Is.EqualTo(KatFile.Hex("access_message")));
            Assert.That(grant.Signature, Is.EqualTo(KatFile.Hex("access_signature")));
            Assert.That(grant.GranterId, Is.EqualTo(UserId));
        });

        var documented = new AccessGrant(
            dek.VaultId, UserId, dek.Epoch, permission, UserId, KatFile.Hex("wrapped_key"), KatFile.Hex("access_signature"));
        using var unwrapped = VaultKey.Unwrap(documented, PublicKeyBundle.Parse(KatFile.Hex("bundle"), UserId), account);
        var entry = EntryCipher.Decrypt(unwrapped, KatFile.Guid("entry_id"), KatFile.Int("entry_version"), KatFile.Hex("entry_ciphertext"));
        Assert.That(entry, Is.EqualTo(KatFile.Hex("entry_plaintext")));
    }

    private static AccountKeys CreateAccount() =>
        AccountKeys.FromRaw(UserId, KatFile.Hex("user_key"), KatFile.Hex("x25519_private"), KatFile.Hex("ed25519_seed"));
}
