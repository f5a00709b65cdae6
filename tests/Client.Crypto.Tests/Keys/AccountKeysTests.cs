using PasswordManager.Client.Crypto.Kdf;
using PasswordManager.Client.Crypto.Keys;
using PasswordManager.Client.Crypto.Tests.Support;

namespace PasswordManager.Client.Crypto.Tests.Keys;

public sealed class AccountKeysTests
{
    private const string masterPassword = "correct horse battery staple";

    [Test]
    public void ShouldRegisterAndUnlock()
    {
        using var account = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword, KdfParameters.Minimum);

        using var unlocked = Unlock(registration, account.UserId, masterPassword);

        Assert.Multiple(() =>
        {
            Assert.That(registration.AuthHash, Has.Length.EqualTo(32));
            Assert.That(registration.Salt, Has.Length.EqualTo(16));
            Assert.That(registration.Kdf, Is.EqualTo(KdfParameters.Minimum));
            Assert.That(registration.EncryptedUserKey, Has.Length.EqualTo(74));
            Assert.That(registration.EncryptedPrivateKeys, Has.Length.EqualTo(106));
            Assert.That(registration.PublicKeyBundle, Has.Length.EqualTo(145));
            Assert.That(unlocked.PublicBundle.ToArray(), Is.EqualTo(registration.PublicKeyBundle));
            Assert.That(unlocked.UserId, Is.EqualTo(account.UserId));
        });
    }

    [Test]
    public void ShouldRotateTheKeyPairsUnderTheSameUserKey()
    {
        using var account = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword, KdfParameters.Minimum);
        using var rotated = account.WithNewKeyPairs();

        var encryptedPrivateKeys = rotated.WrapPrivateKeys();
        using var unlocked = AccountKeys.Unlock(
            masterPassword, registration.Salt, registration.Kdf, account.UserId, registration.EncryptedUserKey, encryptedPrivateKeys);

        Assert.Multiple(() =>
        {
            Assert.That(rotated.PublicBundle.Matches(account.PublicBundle), Is.False, "new key pairs");
            Assert.That(rotated.PublicBundle.X25519PublicKey.ToArray(), Is.Not.EqualTo(account.PublicBundle.X25519PublicKey.ToArray()));
            Assert.That(unlocked.PublicBundle.Matches(rotated.PublicBundle), Is.True, "the same password and wrapped USK open the new private keys");
            Assert.That(encryptedPrivateKeys, Has.Length.EqualTo(106));
        });
    }

    [Test]
    public void ShouldRegisterAndUnlockAtDefaultParameters()
    {
        using var account = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword);

        using var unlocked = Unlock(registration, account.UserId, masterPassword);

        Assert.That(registration.Kdf, Is.EqualTo(KdfParameters.Default));
        Assert.That(unlocked.PublicBundle.Matches(account.PublicBundle), Is.True);
    }

    [Test]
    public void ShouldUnlockWithTheMasterKeyUsedForLogin()
    {
        using var account = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword, KdfParameters.Minimum);

        using var masterKey = MasterKey.Derive(masterPassword, registration.Salt, registration.Kdf);
        using var unlocked = AccountKeys.Unlock(masterKey, account.UserId, registration.EncryptedUserKey, registration.EncryptedPrivateKeys);

        Assert.That(masterKey.DeriveAuthHash(), Is.EqualTo(registration.AuthHash));
        Assert.That(unlocked.PublicBundle.Matches(account.PublicBundle), Is.True);
    }

    [Test]
    public void ShouldFailWithDecryptionFailedOnWrongPassword()
    {
        using var account = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword, KdfParameters.Minimum);

        var exception = Assert.Throws<DecryptionFailedException>(() => Unlock(registration, account.UserId, "correct horse battery stapler"));
        Assert.That(exception!.Message, Does.Not.Contain("correct horse"));
    }

    [Test]
    public void ShouldFailWhenMaterialBelongsToAnotherUser()
    {
        using var account = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword, KdfParameters.Minimum);

        Assert.Throws<DecryptionFailedException>(() => Unlock(registration, Guid.NewGuid(), masterPassword));
    }

    [Test]
    public void ShouldRejectSwappedPrivateKeysOfAnotherAccount()
    {
        using var account = TestAccounts.Create();
        using var other = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword, KdfParameters.Minimum);
        var otherRegistration = other.CreateRegistration(masterPassword, KdfParameters.Minimum);

        Assert.Throws<DecryptionFailedException>(
            () => Unlock(registration with { EncryptedPrivateKeys = otherRegistration.EncryptedPrivateKeys }, account.UserId, masterPassword));
    }

    [Test]
    public void ShouldRejectFlippedBitsOfEncryptedUserKeyAndPrivateKeys()
    {
        using var account = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword, KdfParameters.Minimum);
        using var masterKey = MasterKey.Derive(masterPassword, registration.Salt, registration.Kdf);

        for (var bit = 0; bit < registration.EncryptedUserKey.Length * 8; bit++)
        {
            var tampered = Bits.Flip(registration.EncryptedUserKey, bit);
            Assert.That(
                () => AccountKeys.Unlock(masterKey, account.UserId, tampered, registration.EncryptedPrivateKeys),
                bit < 16 ? Throws.TypeOf<CryptoFormatException>() : Throws.TypeOf<DecryptionFailedException>());
        }

        for (var bit = 0; bit < registration.EncryptedPrivateKeys.Length * 8; bit++)
        {
            var tampered = Bits.Flip(registration.EncryptedPrivateKeys, bit);
            Assert.That(
                () => AccountKeys.Unlock(masterKey, account.UserId, registration.EncryptedUserKey, tampered),
                bit < 16 ? Throws.TypeOf<CryptoFormatException>() : Throws.TypeOf<DecryptionFailedException>());
        }
    }

    [Test]
    public void ShouldRejectWrongSizes()
    {
        using var account = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword, KdfParameters.Minimum);
        using var masterKey = MasterKey.Derive(masterPassword, registration.Salt, registration.Kdf);

        Assert.Multiple(() =>
        {
            Assert.Throws<CryptoFormatException>(
                () => AccountKeys.Unlock(masterKey, account.UserId, [.. registration.EncryptedUserKey, 0], registration.EncryptedPrivateKeys));
            Assert.Throws<CryptoFormatException>(
                () => AccountKeys.Unlock(masterKey, account.UserId, registration.EncryptedUserKey, new byte[105]));
        });
    }

    [Test]
    public void ShouldRejectDowngradedKdfParametersBeforeUnlocking()
    {
        using var account = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword, KdfParameters.Minimum);
        var before = MasterKey.DerivationCount;

        Assert.Throws<KdfParametersRejectedException>(
            () => Unlock(registration with { Kdf = new KdfParameters(8192, 1, 1) }, account.UserId, masterPassword));
        Assert.That(MasterKey.DerivationCount, Is.EqualTo(before));
    }

    [Test]
    public void ShouldChangePasswordByRewrappingTheUserKeyOnly()
    {
        using var account = TestAccounts.Create();
        var registration = account.CreateRegistration(masterPassword, KdfParameters.Minimum);
        using var unlocked = Unlock(registration, account.UserId, masterPassword);

        var change = unlocked.ChangePassword("a whole new passphrase", KdfParameters.Minimum);

        var afterChange = registration with { Salt = change.Salt, Kdf = change.Kdf, EncryptedUserKey = change.EncryptedUserKey };
        using var relocked = Unlock(afterChange, account.UserId, "a whole new passphrase");
        Assert.Multiple(() =>
        {
            Assert.That(change.Salt, Is.Not.EqualTo(registration.Salt));
            Assert.That(change.AuthHash, Is.Not.EqualTo(registration.AuthHash));
            Assert.That(change.EncryptedUserKey, Has.Length.EqualTo(74));
            Assert.That(relocked.PublicBundle.Matches(account.PublicBundle), Is.True);
            Assert.Throws<DecryptionFailedException>(() => Unlock(afterChange, account.UserId, masterPassword));
        });
    }

    private static AccountKeys Unlock(RegistrationMaterial registration, Guid userId, string password) =>
        AccountKeys.Unlock(password, registration.Salt, registration.Kdf, userId, registration.EncryptedUserKey, registration.EncryptedPrivateKeys);
}
